using System.Text.Json;
using Crm.Core.Campaigns;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>The campaign HTTP functions, host-agnostic: both hosts pass the request in and write the response out.</summary>
public sealed class CampaignApi(CampaignService campaigns)
{
    public Task<ApiResponse> SubmitAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var tenantId = request.Route("tenantId");
            var submission = await ReadBodyAsync<CampaignSubmission>(request.Body, cancellationToken);
            var validated = await campaigns.SubmitAsync(tenantId, submission, cancellationToken);
            var campaign = validated.Campaign;
            return new ApiResponse(202, CampaignView.From(campaign, validated.DuplicatesRemoved), $"/api/tenants/{campaign.TenantId}/campaigns/{campaign.CampaignId}");
        });

    public Task<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var campaign = await campaigns.GetAsync(request.Route("tenantId"), request.Route("campaignId"), cancellationToken);
            return new ApiResponse(200, CampaignView.From(campaign));
        });

    private static async Task<T?> ReadBodyAsync<T>(Stream body, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            throw new CrmValidationException("body", "A JSON body is required.");
        }

        buffer.Position = 0;
        return await JsonSerializer.DeserializeAsync<T>(buffer, CrmJson.Options, cancellationToken);
    }
}
