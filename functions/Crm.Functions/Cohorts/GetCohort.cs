using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class GetCohort(CohortApi api)
{
    [Function(FunctionCatalog.GetCohort)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/cohorts/{cohortId}")] HttpRequest request,
        string tenantId,
        string cohortId) =>
        ApiResults.From(request, await api.GetCohortAsync(ApiResults.Request(request, ("tenantId", tenantId), ("cohortId", cohortId)), request.HttpContext.RequestAborted));
}
