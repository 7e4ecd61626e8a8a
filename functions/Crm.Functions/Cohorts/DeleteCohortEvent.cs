using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class DeleteCohortEvent(CohortEventApi api)
{
    [Function(FunctionCatalog.DeleteCohortEvent)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "tenants/{tenantId}/cohorts/{cohortId}/events/{eventId}")] HttpRequest request,
        string tenantId,
        string cohortId,
        string eventId) =>
        ApiResults.From(request, await api.DeleteAsync(ApiResults.Request(request, ("tenantId", tenantId), ("cohortId", cohortId), ("eventId", eventId)), request.HttpContext.RequestAborted));
}
