namespace Crm.Core.Delivery;

/// <summary>
/// Input of the campaign's progress for one batch, counted once: what its outcomes add up to, and,
/// for a batch settled by reconciliation, why it did not finish normally (kept as the campaign's
/// failure reason).
/// </summary>
public sealed record BatchCompletion(BatchRef Batch, int Sent, int Failed, int NotSent = 0, int FallbackSent = 0, long Charged = 0, long Refunded = 0, string? FailureReason = null)
{
    /// <summary>
    /// The batch's totals from its outcomes: a recipient reached by fallback counts as sent. A failure
    /// refunded late counts as it stood when the window closed (sent); its own late adjustment
    /// (<see cref="LateFailure"/>) moves it, so the totals come out right in either order.
    /// </summary>
    public static BatchCompletion From(BatchRef batch, IReadOnlyList<RecipientOutcome> outcomes, string? failureReason = null)
    {
        var fallbacks = outcomes.Where(o => o.IsFallback).ToDictionary(o => o.Index);
        int sent = 0, failed = 0, notSent = 0, fallbackSent = 0;
        long charged = 0, refunded = 0;
        foreach (var o in outcomes)
        {
            charged = checked(charged + o.CreditsCharged);
            refunded = checked(refunded + (o.RefundedLate ? 0 : o.CreditsRefunded));
            if (o.IsFallback)
            {
                continue;
            }

            var fallback = fallbacks.GetValueOrDefault(o.Index);
            if (o.Status is OutcomeStatus.Cancelled or OutcomeStatus.Skipped)
            {
                notSent++;
            }
            else if (Reached(o))
            {
                sent++;
            }
            else if (fallback is not null && Reached(fallback))
            {
                sent++;
                fallbackSent++;
            }
            else
            {
                failed++;
            }
        }

        return new BatchCompletion(batch, sent, failed, notSent, fallbackSent, charged, refunded, failureReason);
    }

    private static bool Reached(RecipientOutcome o) => o.Status is OutcomeStatus.Sent or OutcomeStatus.Pending || o.RefundedLate;
}
