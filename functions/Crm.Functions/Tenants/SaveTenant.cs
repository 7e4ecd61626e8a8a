using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Tenants;

public sealed class SaveTenant(TenantApi api)
{
    [Function(FunctionCatalog.SaveTenant)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "tenants/{tenantId}")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.SaveAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
