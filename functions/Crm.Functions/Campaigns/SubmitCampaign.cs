using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Campaigns;

public sealed class SubmitCampaign(CampaignApi api)
{
    [Function(FunctionCatalog.SubmitCampaign)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/campaigns")] HttpRequest request,
        string tenantId) =>
        ApiResults.From(request, await api.SubmitAsync(ApiResults.Request(request, ("tenantId", tenantId)), request.HttpContext.RequestAborted));
}
