using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class CloneCohortEvent(CohortEventApi api)
{
    [Function(FunctionCatalog.CloneCohortEvent)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/cohorts/{cohortId}/events/{eventId}/clone")] HttpRequest request,
        string tenantId,
        string cohortId,
        string eventId) =>
        ApiResults.From(request, await api.CloneAsync(ApiResults.Request(request, ("tenantId", tenantId), ("cohortId", cohortId), ("eventId", eventId)), request.HttpContext.RequestAborted));
}
