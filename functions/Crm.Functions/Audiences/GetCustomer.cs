using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Audiences;

public sealed class GetCustomer(CustomerApi api)
{
    [Function(FunctionCatalog.GetCustomer)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/customers/{phone}")] HttpRequest request,
        string tenantId,
        string phone) =>
        ApiResults.From(request, await api.GetAsync(ApiResults.Request(request, ("tenantId", tenantId), ("phone", phone)), request.HttpContext.RequestAborted));
}
