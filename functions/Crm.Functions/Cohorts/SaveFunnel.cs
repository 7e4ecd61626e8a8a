using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class SaveFunnel(CohortApi api)
{
    [Function(FunctionCatalog.SaveFunnel)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "tenants/{tenantId}/funnel")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.SaveFunnelAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
