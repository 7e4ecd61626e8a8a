namespace Crm.Core.Rewards;

/// <summary>
/// The body of a grant or deduction. <see cref="OperationId"/> comes from the caller (order id,
/// review id): the same id is applied once however often it is sent.
/// </summary>
public sealed record PointsChange(string? OperationId, long? Amount, PointsReason? Reason = null, string? Reference = null, DateTimeOffset? ExpiresAt = null);
