namespace Crm.Core.Rewards;

/// <summary>A tenant's policy with the last expiry run done and the last run D-3 notices were sent for.</summary>
public sealed record PointsPolicyState(string TenantId, PointsPolicy Policy, DateOnly? LastExpiryRun = null, DateOnly? LastNoticeRun = null);
