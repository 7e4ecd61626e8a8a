namespace Crm.Core.Delivery;

/// <summary>What happened to one recipient of one batch (C6).</summary>
public sealed record RecipientOutcome(
    BatchRef Batch,
    int Index,
    string Phone,
    Channel Channel,
    OutcomeStatus Status,
    string? ProviderMessageId,
    string? FailureCode,
    string? FailureReason,
    DateTimeOffset At);
