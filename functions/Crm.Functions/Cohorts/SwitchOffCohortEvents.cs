using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class SwitchOffCohortEvents(CohortEventApi api)
{
    [Function(FunctionCatalog.SwitchOffCohortEvents)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/cohorts/{cohortId}/events/all-off")] HttpRequest request,
        string tenantId,
        string cohortId) =>
        ApiResults.From(request, await api.AllOffAsync(ApiResults.Request(request, ("tenantId", tenantId), ("cohortId", cohortId)), request.HttpContext.RequestAborted));
}
