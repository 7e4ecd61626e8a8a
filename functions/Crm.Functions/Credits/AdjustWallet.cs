using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Credits;

public sealed class AdjustWallet(WalletApi api)
{
    [Function(FunctionCatalog.AdjustWallet)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "tenants/{tenantId}/wallet/adjustments")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.AdjustAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
