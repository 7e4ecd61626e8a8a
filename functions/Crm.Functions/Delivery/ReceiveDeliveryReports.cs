using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class ReceiveDeliveryReports(DeliveryReportApi api)
{
    // Anonymous for the Functions host: providers cannot send a function key; the secret in the route is checked in Core.
    [Function(FunctionCatalog.ReceiveDeliveryReports)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "delivery-reports/{secret}")] HttpRequest request,
        string secret) =>
        ApiResults.From(request, await api.ReceiveAsync(ApiResults.Request(request, ("secret", secret)), request.HttpContext.RequestAborted));
}
