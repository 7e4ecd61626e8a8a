using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Credits;

public sealed class SetAutoTopUp(WalletApi api)
{
    [Function(FunctionCatalog.SetAutoTopUp)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "tenants/{tenantId}/wallet/auto-top-up")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.SetAutoTopUpAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
