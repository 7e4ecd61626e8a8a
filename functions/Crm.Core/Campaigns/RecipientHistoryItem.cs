using Crm.Core.Delivery;

namespace Crm.Core.Campaigns;

/// <summary>One row of a campaign's history (C6); a fallback row names the original it replaces.</summary>
public sealed record RecipientHistoryItem(
    string Id,
    int Batch,
    string Phone,
    Channel Channel,
    OutcomeStatus Status,
    string? ProviderMessageId,
    string? FailureCode,
    string? FailureReason,
    long CreditsCharged,
    long CreditsRefunded,
    string? FallbackFor,
    DateTimeOffset At)
{
    public static RecipientHistoryItem From(RecipientOutcome o)
    {
        var id = $"{o.Batch.BatchNumber:D5}-{o.Index:D4}";
        return new(
            o.IsFallback ? id + "-fb" : id, o.Batch.BatchNumber, o.Phone, o.Channel, o.Status, o.ProviderMessageId, o.FailureCode, o.FailureReason,
            o.CreditsCharged, o.CreditsRefunded, o.IsFallback ? id : null, o.At);
    }
}
