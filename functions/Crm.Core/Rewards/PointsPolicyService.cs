using Crm.Core.Common;
using Crm.Core.Tenants;

namespace Crm.Core.Rewards;

/// <summary>Setting a tenant's points policy (R3, R4) and producing its terms text (R5).</summary>
public sealed class PointsPolicyService(TenantService tenants, IPointsPolicyStore policies)
{
    public async Task<PointsPolicyState> SaveAsync(string tenantId, PointsPolicySettings? settings, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var errors = new ValidationErrors();
        if (settings?.ValidityDays is not (>= 1 and <= 3650))
        {
            errors.Add("validityDays", "How many days a grant is valid: 1 to 3,650.");
        }

        if (settings?.FirstExpiryDate is null)
        {
            errors.Add("firstExpiryDate", "Required: the date of the first expiry run, e.g. 2027-01-31 (later monthly runs fall on the same day, or the month's last day).");
        }

        if (settings?.Cycle is null)
        {
            errors.Add("cycle", "Required: monthly or weekly.");
        }

        if (settings?.NoticeThreshold is not >= 0)
        {
            errors.Add("noticeThreshold", "The points due to expire at or above which a D-3 notice is sent: 0 or more.");
        }

        if (settings?.ExpiryNotices == true && string.IsNullOrWhiteSpace(settings.ExpiryNoticeTemplate))
        {
            errors.Add("expiryNoticeTemplate", "D-3 notices are AlimTalk: give the code of the approved template for PointsNotices.ExpiryText.");
        }

        if (settings?.ChangeNotices == true && string.IsNullOrWhiteSpace(settings.ChangeNoticeTemplate))
        {
            errors.Add("changeNoticeTemplate", "Change notices are AlimTalk: give the code of the approved template for PointsNotices.ChangeText.");
        }

        errors.ThrowIfAny();
        var existing = await policies.GetAsync(tenantId, cancellationToken);
        var policy = new PointsPolicy(
            settings!.ValidityDays!.Value, settings.FirstExpiryDate!.Value, settings.Cycle!.Value, settings.NoticeThreshold!.Value,
            settings.ExpiryNotices, settings.ChangeNotices, settings.ExpiryNoticeTemplate, settings.ChangeNoticeTemplate);
        await policies.SavePolicyAsync(tenantId, policy, cancellationToken);
        return (existing ?? new PointsPolicyState(tenantId, policy)) with { Policy = policy };
    }

    public async Task<PointsPolicyState> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return await policies.GetAsync(tenantId, cancellationToken) ?? throw new NotFoundException("Points policy", tenantId);
    }
}
