using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class ChangePersonStage(CohortApi api)
{
    [Function(FunctionCatalog.ChangePersonStage)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "tenants/{tenantId}/cohorts/{cohortId}/people/{phone}/stage")] HttpRequest request,
        string tenantId,
        string cohortId,
        string phone) =>
        ApiResults.From(request, await api.ChangeStageAsync(ApiResults.Request(request, ("tenantId", tenantId), ("cohortId", cohortId), ("phone", phone)), request.HttpContext.RequestAborted));
}
