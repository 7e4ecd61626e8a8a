using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Credits;

public sealed class TopUpWallet(WalletApi api)
{
    [Function(FunctionCatalog.TopUpWallet)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/wallet/top-ups")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.TopUpAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
