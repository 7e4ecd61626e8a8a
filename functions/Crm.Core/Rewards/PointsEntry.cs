namespace Crm.Core.Rewards;

/// <summary>One change of a customer's points balance, in order; <see cref="Amount"/> is signed.</summary>
public sealed record PointsEntry(long Sequence, string OperationId, PointsReason Reason, long Amount, long BalanceAfter, string? Reference, DateTimeOffset At);
