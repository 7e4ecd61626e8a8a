using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class ListPointsHistory(PointsApi api)
{
    [Function(FunctionCatalog.ListPointsHistory)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/customers/{phone}/points/history")] HttpRequest request,
        string tenantId,
        string phone) =>
        ApiResults.From(request, await api.HistoryAsync(ApiResults.Request(request, ("tenantId", tenantId), ("phone", phone)), request.HttpContext.RequestAborted));
}
