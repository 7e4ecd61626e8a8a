namespace Crm.Core.Rewards;

/// <summary>A queue message: one tenant's expiry run or D-3 notices, fanned out by the daily timer.</summary>
public sealed record PointsTenantJob(string TenantId);
