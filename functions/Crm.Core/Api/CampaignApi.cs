using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Functions;

namespace Crm.Core.Api;

/// <summary>The campaign HTTP functions, host-agnostic: both hosts pass the request in and write the response out.</summary>
public sealed class CampaignApi(CampaignService campaigns, IdempotentRequests idempotent)
{
    /// <summary>C1; an Idempotency-Key header makes a retried submission return the first response instead of registering twice.</summary>
    public Task<ApiResponse> SubmitAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            // The tenant is checked before a key is claimed, so unknown tenants store nothing; the
            // inner handler turns the submission's own 4xx into the response stored under the key.
            var tenant = await campaigns.GetTenantAsync(request.Route("tenantId"), cancellationToken);
            return await idempotent.RunAsync(request, tenant.TenantId, FunctionCatalog.SubmitCampaign, keyRequired: false, (buffered, claim) => ApiErrors.HandleAsync(async () =>
            {
                var submission = await ApiBody.ReadAsync<CampaignSubmission>(buffered.Body, cancellationToken);
                var validated = claim is null
                    ? await campaigns.SubmitAsync(tenant, submission, cancellationToken)
                    : await campaigns.SubmitAsync(tenant, submission, claim.Key, claim.ClaimedAt, cancellationToken);
                var campaign = validated.Campaign;
                return new ApiResponse(202, CampaignView.From(campaign, validated.DuplicatesRemoved), $"/api/tenants/{campaign.TenantId}/campaigns/{campaign.CampaignId}");
            }), cancellationToken);
        });

    public Task<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var campaign = await campaigns.GetAsync(request.Route("tenantId"), request.Route("campaignId"), cancellationToken);
            return new ApiResponse(200, CampaignView.From(campaign));
        });

    public Task<ApiResponse> ListAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var page = await campaigns.ListAsync(request.Route("tenantId"), request.QueryValue("continuationToken"), request.PageSize(50, 200), cancellationToken);
            return new ApiResponse(200, new { items = page.Items.Select(c => CampaignView.From(c)), continuationToken = page.ContinuationToken });
        });

    public Task<ApiResponse> CancelAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
            new ApiResponse(200, CampaignView.From(await campaigns.CancelAsync(request.Route("tenantId"), request.Route("campaignId"), cancellationToken))));

    /// <summary>C6 history: ?status=sent|failed|cancelled|skipped, ?pageSize=1..1000, ?continuationToken=.</summary>
    public Task<ApiResponse> HistoryAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            OutcomeStatus? status = null;
            if (request.QueryValue("status") is { } raw)
            {
                status = Enum.TryParse<OutcomeStatus>(raw, ignoreCase: true, out var parsed) && !int.TryParse(raw, out _)
                    ? parsed
                    : throw new CrmValidationException("status", "One of sent, failed, cancelled, skipped.");
            }

            var page = await campaigns.HistoryAsync(
                request.Route("tenantId"), request.Route("campaignId"), status, request.QueryValue("continuationToken"), request.PageSize(), cancellationToken);
            return new ApiResponse(200, new { items = page.Items.Select(RecipientHistoryItem.From), continuationToken = page.ContinuationToken });
        });
}
