namespace Crm.Core.Rewards;

/// <summary>The body of PUT /tenants/{tenantId}/rewards/policy.</summary>
public sealed record PointsPolicySettings(
    int? ValidityDays,
    DateOnly? FirstExpiryDate,
    ExpiryCycle? Cycle,
    long? NoticeThreshold,
    bool ExpiryNotices = false,
    bool ChangeNotices = false,
    string? ExpiryNoticeTemplate = null,
    string? ChangeNoticeTemplate = null);
