namespace Crm.Core.Delivery;

/// <summary>
/// Input of CompleteBatch: what to add to the campaign's progress for one batch, and, for a batch
/// settled by reconciliation, why it did not finish normally (kept as the campaign's failure reason).
/// </summary>
public sealed record BatchCompletion(BatchRef Batch, int Sent, int Failed, int NotSent = 0, int FallbackSent = 0, long Charged = 0, long Refunded = 0, string? FailureReason = null)
{
    /// <summary>The batch's totals from its send and fallback steps: a recipient reached by fallback counts as sent.</summary>
    public static BatchCompletion From(BatchRef batch, SendSummary send, SendSummary fallback, long refunded) => new(
        batch,
        send.Sent + fallback.Sent,
        send.Failed - fallback.Sent,
        send.NotSent,
        fallback.Sent,
        send.Charged + fallback.Charged,
        refunded);
}
