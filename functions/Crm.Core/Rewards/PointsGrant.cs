namespace Crm.Core.Rewards;

/// <summary>One grant of points (R1): what is left of it, and when it expires.</summary>
public sealed record PointsGrant(string GrantId, long Amount, long Remaining, PointsReason Reason, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);
