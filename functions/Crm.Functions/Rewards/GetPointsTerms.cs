using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class GetPointsTerms(PointsPolicyApi api)
{
    [Function(FunctionCatalog.GetPointsTerms)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/rewards/policy/terms")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.TermsAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
