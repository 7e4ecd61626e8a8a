using Crm.Core.Delivery;

namespace Crm.Storage.Delivery;

/// <summary>One outcome inside a batch's outcomes entity: short names, the batch is the entity's.</summary>
internal sealed record StoredOutcome(
    int I,
    string P,
    Channel C,
    OutcomeStatus S,
    string? M,
    string? Fc,
    string? Fr,
    DateTimeOffset At,
    long Ch,
    long Rf,
    bool Fb,
    DateTimeOffset? Rep,
    bool Late,
    bool Fe)
{
    public static StoredOutcome From(RecipientOutcome o) =>
        new(o.Index, o.Phone, o.Channel, o.Status, o.ProviderMessageId, o.FailureCode, o.FailureReason, o.At, o.CreditsCharged, o.CreditsRefunded, o.IsFallback, o.ReportedAt, o.RefundedLate, o.FallbackEligible);

    public RecipientOutcome ToOutcome(BatchRef batch) => new(batch, I, P, C, S, M, Fc, Fr, At, Ch, Rf, Fb, Rep, Late, Fe);
}
