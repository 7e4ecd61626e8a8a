using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Core.Tenants;

namespace Crm.Core.Campaigns;

/// <summary>Registering and reading campaigns (C1, C2).</summary>
public sealed class CampaignService(
    TenantService tenants, ICampaignStore campaigns, IOutcomeStore outcomes, Audiences.IGroupStore groups, IMessageQueue queue, IMessageProvider provider, TimeProvider time)
{
    public async Task<ValidatedCampaign> SubmitAsync(string tenantId, CampaignSubmission? submission, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return await SubmitAsync(tenant, submission, cancellationToken);
    }

    public Task<ValidatedCampaign> SubmitAsync(Tenant tenant, CampaignSubmission? submission, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return RegisterAsync(tenant, submission, NewCampaignId(now), now, CampaignRules.MaxRecipientsPerRequest, mayExist: false, cancellationToken);
    }

    /// <summary>
    /// Registers a submission made with an Idempotency-Key under the id derived from its claim, as of
    /// the claim's time: a run that takes over from one that died mid-way writes the same rows, and
    /// when that run stored the campaign already, that campaign is the answer.
    /// </summary>
    public Task<ValidatedCampaign> SubmitAsync(Tenant tenant, CampaignSubmission? submission, string idempotencyKey, DateTimeOffset claimedAt, CancellationToken cancellationToken) =>
        RegisterAsync(
            tenant, submission, CampaignIds.ForRequest(tenant.TenantId, idempotencyKey, claimedAt), claimedAt, CampaignRules.MaxRecipientsPerRequest, mayExist: true, cancellationToken);

    /// <summary>
    /// Registers a campaign the CRM itself sends (points notices) under an id derived from what it is
    /// for, so a job that runs again registers nothing new. The per-request recipient limit guards HTTP
    /// bodies; these are as large as the tenant's customer base (D-3 notices to 500,000 customers).
    /// </summary>
    public async Task<Campaign> SubmitOnceAsync(Tenant tenant, CampaignSubmission submission, string campaignId, CancellationToken cancellationToken)
    {
        if (await campaigns.GetAsync(tenant.TenantId, campaignId, cancellationToken) is { } existing)
        {
            return existing;
        }

        return (await RegisterAsync(tenant, submission, campaignId, time.GetUtcNow(), int.MaxValue, mayExist: false, cancellationToken)).Campaign;
    }

    public async Task<Campaign> GetAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        if (!Guid.TryParseExact(campaignId, "N", out _))
        {
            throw new NotFoundException("Campaign", campaignId);
        }

        return await campaigns.GetAsync(tenantId, campaignId, cancellationToken) ?? throw new NotFoundException("Campaign", campaignId);
    }

    /// <summary>The tenant, or a 400/404; checked before an Idempotency-Key is claimed for it.</summary>
    public Task<Tenant> GetTenantAsync(string tenantId, CancellationToken cancellationToken) => tenants.GetRequiredAsync(tenantId, cancellationToken);

    public async Task<ResultPage<Campaign>> ListAsync(string tenantId, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return await campaigns.ListAsync(tenantId, continuationToken, pageSize, cancellationToken);
    }

    /// <summary>C6: the campaign's per-recipient history, fallbacks beside their originals.</summary>
    public async Task<ResultPage<RecipientOutcome>> HistoryAsync(
        string tenantId, string campaignId, OutcomeStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        await GetAsync(tenantId, campaignId, cancellationToken);
        return await outcomes.ListPageAsync(tenantId, campaignId, status, continuationToken, pageSize, cancellationToken);
    }

    /// <summary>C2: stops every batch not yet sent; a finished or already cancelled campaign cannot be cancelled.</summary>
    public async Task<Campaign> CancelAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var campaign = await GetAsync(tenantId, campaignId, cancellationToken);
            if (campaign.Status is not (CampaignStatus.Scheduled or CampaignStatus.Sending))
            {
                throw new ConflictException($"The campaign is {campaign.Status.ToString().ToLowerInvariant()}; only scheduled or sending campaigns can be cancelled.");
            }

            // Never dispatched: nobody was batched, so everyone is "not sent" now.
            var cancelled = campaign.Status == CampaignStatus.Scheduled
                ? campaign with { Status = CampaignStatus.Cancelled, NotSent = campaign.RecipientCount, CompletedAt = time.GetUtcNow() }
                : campaign with { Status = CampaignStatus.Cancelled };
            if (await campaigns.TryUpdateAsync(cancelled, cancellationToken))
            {
                if (campaign.Status == CampaignStatus.Scheduled)
                {
                    await campaigns.RemoveDueAsync(new DueCampaign(tenantId, campaignId, campaign.DueAt), cancellationToken);
                }

                return cancelled;
            }
        }
    }

    // Validate, store (immutable from here, C2), and queue the dispatch when the send time has come.
    private async Task<ValidatedCampaign> RegisterAsync(
        Tenant tenant, CampaignSubmission? submission, string campaignId, DateTimeOffset now, int maxRecipients, bool mayExist, CancellationToken cancellationToken)
    {
        var validated = CampaignValidator.Validate(tenant, submission, campaignId, now, maxRecipients, provider.Refuses);
        if (validated.Campaign.GroupId is { } groupId && await groups.GetAsync(tenant.TenantId, groupId, cancellationToken) is null)
        {
            throw new CrmValidationException("groupId", $"This tenant has no group '{groupId}'.");
        }

        if (mayExist && await campaigns.GetAsync(tenant.TenantId, campaignId, cancellationToken) is { } stored)
        {
            return validated with { Campaign = stored };
        }

        await campaigns.CreateAsync(validated.Campaign, validated.Recipients, cancellationToken);
        if (validated.Campaign.SendAt <= now)
        {
            await queue.EnqueueAsync(QueueNames.CampaignDispatch, new DispatchRequest(tenant.TenantId, campaignId), cancellationToken);
        }

        return validated;
    }

    private static string NewCampaignId(DateTimeOffset now) => CampaignIds.New(now);
}
