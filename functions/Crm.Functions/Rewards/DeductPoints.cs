using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class DeductPoints(PointsApi api)
{
    [Function(FunctionCatalog.DeductPoints)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/customers/{phone}/points/deductions")] HttpRequest request,
        string tenantId,
        string phone) =>
        ApiResults.From(request, await api.DeductAsync(ApiResults.Request(request, ("tenantId", tenantId), ("phone", phone)), request.HttpContext.RequestAborted));
}
