using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class GetCohortPerson(CohortApi api)
{
    [Function(FunctionCatalog.GetCohortPerson)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/cohorts/{cohortId}/people/{phone}")] HttpRequest request,
        string tenantId,
        string cohortId,
        string phone) =>
        ApiResults.From(request, await api.GetPersonAsync(ApiResults.Request(request, ("tenantId", tenantId), ("cohortId", cohortId), ("phone", phone)), request.HttpContext.RequestAborted));
}
