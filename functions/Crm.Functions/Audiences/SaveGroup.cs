using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Audiences;

public sealed class SaveGroup(GroupApi api)
{
    [Function(FunctionCatalog.SaveGroup)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "tenants/{tenantId}/groups/{groupId}")] HttpRequest request,
        string tenantId,
        string groupId) =>
        ApiResults.From(request, await api.SaveAsync(ApiResults.Request(request, ("tenantId", tenantId), ("groupId", groupId)), request.HttpContext.RequestAborted));
}
