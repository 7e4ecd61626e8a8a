namespace Crm.Core.Delivery;

/// <summary>
/// Who owns a batch's fate, decided once by whoever records it first on the batch's outcomes: its
/// workflow's send, or the reconciliation that settles a batch whose workflow failed or never
/// started. The loser defers, so a settled batch is never sent afterwards by a late workflow.
/// </summary>
public enum BatchClaim
{
    Send,
    Settle,
}
