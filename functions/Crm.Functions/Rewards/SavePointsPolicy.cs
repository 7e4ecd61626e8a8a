using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class SavePointsPolicy(PointsPolicyApi api)
{
    [Function(FunctionCatalog.SavePointsPolicy)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "tenants/{tenantId}/rewards/policy")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.SaveAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
