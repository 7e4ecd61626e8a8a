namespace Crm.Core.Credits;

/// <summary>
/// A change to apply to a wallet exactly once: <see cref="OperationId"/> is business-derived
/// (e.g. "charge:{batchId}"), so a replay of the same operation collides instead of applying twice.
/// <see cref="NonRefundableAmount"/> is the part of a top-up bought with reward points (W5);
/// <see cref="PointsDelta"/> changes the tenant's reward points in the same transaction.
/// A <see cref="Capped"/> operation (a support adjustment) is refused rather than take the balance
/// or the points over <see cref="WalletLimits.MaxBalance"/>; charges, refunds, paid top-ups and
/// points given back are owed and never refused for it.
/// </summary>
public sealed record WalletOperation(string OperationId, LedgerKind Kind, long Amount, string? Reference, long NonRefundableAmount = 0, long PointsDelta = 0, bool Capped = false)
{
    public static WalletOperation Charge(string operationId, long credits, string? reference) => new(operationId, LedgerKind.Charge, -credits, reference);

    public static WalletOperation Refund(string operationId, long credits, string? reference) => new(operationId, LedgerKind.Refund, credits, reference);
}
