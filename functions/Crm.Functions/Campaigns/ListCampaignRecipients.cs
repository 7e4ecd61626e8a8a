using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Campaigns;

public sealed class ListCampaignRecipients(CampaignApi api)
{
    [Function(FunctionCatalog.ListCampaignRecipients)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/campaigns/{campaignId}/recipients")] HttpRequest request,
        string tenantId,
        string campaignId) =>
        ApiResults.From(request, await api.HistoryAsync(ApiResults.Request(request, ("tenantId", tenantId), ("campaignId", campaignId)), request.HttpContext.RequestAborted));
}
