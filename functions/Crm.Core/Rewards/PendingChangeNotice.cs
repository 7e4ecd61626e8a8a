namespace Crm.Core.Rewards;

/// <summary>A points change waiting to be announced (R2); <see cref="Key"/> orders and identifies it.</summary>
public sealed record PendingChangeNotice(string TenantId, string Key, string Phone, long Change, PointsReason Reason, long Balance, DateTimeOffset At);
