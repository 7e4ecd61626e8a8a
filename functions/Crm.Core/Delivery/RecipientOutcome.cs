namespace Crm.Core.Delivery;

/// <summary>
/// What happened to one recipient of one batch (C6): the channel, the outcome and its reason, the
/// credits charged and refunded, and for a fallback send (<see cref="IsFallback"/>) the original
/// it replaces is the row with the same batch and index. <see cref="ReportedAt"/> is when the
/// provider's final report was taken in (null: none yet, or none ever); <see cref="RefundedLate"/>
/// marks a failure reported after the step's report window, refunded by a ledger entry of its own;
/// <see cref="FallbackEligible"/> marks a failure an SMS/LMS fallback may follow (D5).
/// </summary>
public sealed record RecipientOutcome(
    BatchRef Batch,
    int Index,
    string Phone,
    Channel Channel,
    OutcomeStatus Status,
    string? ProviderMessageId,
    string? FailureCode,
    string? FailureReason,
    DateTimeOffset At,
    long CreditsCharged = 0,
    long CreditsRefunded = 0,
    bool IsFallback = false,
    DateTimeOffset? ReportedAt = null,
    bool RefundedLate = false,
    bool FallbackEligible = false);
