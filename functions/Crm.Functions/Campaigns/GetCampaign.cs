using Crm.Core.Api;
using Crm.Core.Functions;
using Crm.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Campaigns;

public sealed class GetCampaign(CampaignApi api)
{
    [Function(FunctionCatalog.GetCampaign)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/campaigns/{campaignId}")] HttpRequest request,
        string tenantId,
        string campaignId) =>
        ApiResults.From(request, await api.GetAsync(ApiResults.Request(request, ("tenantId", tenantId), ("campaignId", campaignId)), request.HttpContext.RequestAborted));
}
