using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class PreviewCohortEvent(CohortEventApi api)
{
    [Function(FunctionCatalog.PreviewCohortEvent)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/cohorts/{cohortId}/events/preview")] HttpRequest request,
        string tenantId,
        string cohortId) =>
        ApiResults.From(request, await api.PreviewAsync(ApiResults.Request(request, ("tenantId", tenantId), ("cohortId", cohortId)), request.HttpContext.RequestAborted));
}
