using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Audiences;

public sealed class GetGroup(GroupApi api)
{
    [Function(FunctionCatalog.GetGroup)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/groups/{groupId}")] HttpRequest request,
        string tenantId,
        string groupId) =>
        ApiResults.From(request, await api.GetAsync(ApiResults.Request(request, ("tenantId", tenantId), ("groupId", groupId)), request.HttpContext.RequestAborted));
}
