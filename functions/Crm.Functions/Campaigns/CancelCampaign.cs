using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Campaigns;

public sealed class CancelCampaign(CampaignApi api)
{
    [Function(FunctionCatalog.CancelCampaign)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tenants/{tenantId}/campaigns/{campaignId}/cancel")] HttpRequest request,
        string tenantId,
        string campaignId) =>
        ApiResults.From(request, await api.CancelAsync(ApiResults.Request(request, ("tenantId", tenantId), ("campaignId", campaignId)), request.HttpContext.RequestAborted));
}
