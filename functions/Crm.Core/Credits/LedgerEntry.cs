namespace Crm.Core.Credits;

/// <summary>
/// One change of a wallet's balance, append-only (W6). <see cref="Amount"/> is signed;
/// <see cref="BalanceAfter"/> makes every entry checkable against the sum before it.
/// </summary>
public sealed record LedgerEntry(
    long Sequence,
    string OperationId,
    LedgerKind Kind,
    long Amount,
    long BalanceAfter,
    long NonRefundableAfter,
    string? Reference,
    DateTimeOffset At,
    long PointsDelta = 0);
