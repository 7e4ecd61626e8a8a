using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class GrantPoints(PointsApi api)
{
    [Function(FunctionCatalog.GrantPoints)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/customers/{phone}/points/grants")] HttpRequest request,
        string tenantId,
        string phone) =>
        ApiResults.From(request, await api.GrantAsync(ApiResults.Request(request, ("tenantId", tenantId), ("phone", phone)), request.HttpContext.RequestAborted));
}
