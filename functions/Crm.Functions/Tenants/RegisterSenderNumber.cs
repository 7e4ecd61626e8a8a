using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Tenants;

public sealed class RegisterSenderNumber(TenantApi api)
{
    [Function(FunctionCatalog.RegisterSenderNumber)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "tenants/{tenantId}/sender-numbers")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.RegisterSenderNumberAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
