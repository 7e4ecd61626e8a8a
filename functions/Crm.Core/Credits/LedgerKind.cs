namespace Crm.Core.Credits;

/// <summary>Why the balance changed (W6). Charges are negative, the rest positive except adjustments.</summary>
public enum LedgerKind
{
    TopUp,
    Charge,
    Refund,
    Adjustment,
}
