using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Audiences;

public sealed class DeleteCustomer(CustomerApi api)
{
    [Function(FunctionCatalog.DeleteCustomer)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "tenants/{tenantId}/customers/{phone}")] HttpRequest request,
        string tenantId,
        string phone) =>
        ApiResults.From(request, await api.DeleteAsync(ApiResults.Request(request, ("tenantId", tenantId), ("phone", phone)), request.HttpContext.RequestAborted));
}
