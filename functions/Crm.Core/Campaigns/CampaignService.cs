using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Core.Tenants;

namespace Crm.Core.Campaigns;

/// <summary>Registering and reading campaigns (C1, C2).</summary>
public sealed class CampaignService(ITenantStore tenants, ICampaignStore campaigns, IMessageQueue queue, TimeProvider time)
{
    public async Task<ValidatedCampaign> SubmitAsync(string tenantId, CampaignSubmission? submission, CancellationToken cancellationToken)
    {
        var tenant = await GetTenantAsync(tenantId, cancellationToken);
        var now = time.GetUtcNow();
        var validated = CampaignValidator.Validate(tenant, submission, NewCampaignId(now), now);
        await campaigns.CreateAsync(validated.Campaign, validated.Recipients, cancellationToken);
        if (validated.Campaign.SendAt <= now)
        {
            await queue.EnqueueAsync(QueueNames.CampaignDispatch, new DispatchRequest(tenant.TenantId, validated.Campaign.CampaignId), cancellationToken);
        }

        return validated;
    }

    public async Task<Campaign> GetAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        await GetTenantAsync(tenantId, cancellationToken);
        if (!Guid.TryParseExact(campaignId, "N", out _))
        {
            throw new NotFoundException("Campaign", campaignId);
        }

        return await campaigns.GetAsync(tenantId, campaignId, cancellationToken) ?? throw new NotFoundException("Campaign", campaignId);
    }

    private async Task<Tenant> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (!TenantId.IsValid(tenantId))
        {
            throw new CrmValidationException("tenantId", "Tenant ids are 3–40 lowercase letters, digits and dashes.");
        }

        return await tenants.GetAsync(tenantId, cancellationToken) ?? throw new NotFoundException("Tenant", tenantId);
    }

    // Version 7 GUIDs sort by creation time, so a tenant's campaigns list in order.
    private static string NewCampaignId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");
}
