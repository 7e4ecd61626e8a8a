using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class GetCohortEvent(CohortEventApi api)
{
    [Function(FunctionCatalog.GetCohortEvent)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/cohorts/{cohortId}/events/{eventId}")] HttpRequest request,
        string tenantId,
        string cohortId,
        string eventId) =>
        ApiResults.From(request, await api.GetAsync(ApiResults.Request(request, ("tenantId", tenantId), ("cohortId", cohortId), ("eventId", eventId)), request.HttpContext.RequestAborted));
}
