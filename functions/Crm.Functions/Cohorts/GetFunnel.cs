using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class GetFunnel(CohortApi api)
{
    [Function(FunctionCatalog.GetFunnel)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/funnel")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.GetFunnelAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
