namespace Crm.Core.Rewards;

/// <summary>A customer's balance with the breakdown by expiry date (what expires when).</summary>
public sealed record PointsBalance(string Phone, long Balance, IReadOnlyList<PointsExpiryAmount> ByExpiry);
