namespace Crm.Core.Credits;

/// <summary>
/// A tenant's prepaid message credits (W1); credits never expire (W2). <see cref="NonRefundable"/>
/// is the part bought with reward points (W5): charges spend it first, and refunds give it back
/// first, up to <see cref="NonRefundableSpent"/>, so a refund never turns point credits into cash credits.
/// <see cref="RewardPoints"/> are the tenant's points with us, which pay for top-ups in units of 1,000.
/// </summary>
public sealed record Wallet(
    string TenantId,
    long Balance,
    long NonRefundable,
    long NonRefundableSpent,
    long RewardPoints,
    long LastSequence,
    AutoTopUp AutoTopUp,
    DateTimeOffset? TopUpLeaseUntil,
    string? Version)
{
    public static Wallet Empty(string tenantId) => new(tenantId, 0, 0, 0, 0, 0, AutoTopUp.Off, null, null);

    /// <summary>Why the wallet cannot take <paramref name="operation"/> (W2, W5, its maximum), or null when it can.</summary>
    public WalletOutcome? Refusal(WalletOperation operation)
    {
        var balance = checked(Balance + operation.Amount);
        var points = checked(RewardPoints + operation.PointsDelta);
        return balance < 0 ? WalletOutcome.InsufficientCredits
            : points < 0 ? WalletOutcome.InsufficientPoints
            : operation.Capped && ((operation.Amount > 0 && balance > WalletLimits.MaxBalance) || (operation.PointsDelta > 0 && points > WalletLimits.MaxBalance)) ? WalletOutcome.OverMaximum
            : null;
    }

    /// <summary>The wallet after <paramref name="operation"/>, which the caller has checked it can take; sums are checked, never wrapped.</summary>
    public Wallet After(WalletOperation operation)
    {
        checked
        {
            long nonRefundable = NonRefundable + operation.NonRefundableAmount, spent = NonRefundableSpent;
            if (operation.Amount < 0)
            {
                var taken = Math.Min(nonRefundable, -operation.Amount);
                nonRefundable -= taken;
                spent += taken;
            }
            else if (operation.Kind == LedgerKind.Refund)
            {
                var back = Math.Min(spent, operation.Amount);
                nonRefundable += back;
                spent -= back;
            }

            return this with
            {
                Balance = Balance + operation.Amount,
                NonRefundable = nonRefundable,
                NonRefundableSpent = spent,
                RewardPoints = RewardPoints + operation.PointsDelta,
                LastSequence = LastSequence + 1,
            };
        }
    }
}
