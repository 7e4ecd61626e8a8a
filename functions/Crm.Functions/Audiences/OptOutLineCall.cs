using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Audiences;

public sealed class OptOutLineCall(OptOutApi api)
{
    [Function(FunctionCatalog.OptOutLineCall)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "opt-out-lines/{lineNumber}/calls")] HttpRequest request,
        string lineNumber) =>
        ApiResults.From(request, await api.LineCallAsync(ApiResults.Request(request, ("lineNumber", lineNumber)), request.HttpContext.RequestAborted));
}
