namespace Crm.Core.Rewards;

public sealed record PointsExpiryAmount(DateTimeOffset ExpiresAt, long Amount);
