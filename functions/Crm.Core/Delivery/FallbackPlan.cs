namespace Crm.Core.Delivery;

/// <summary>One failed recipient's fallback: the message and the channel it goes by (null when its text cannot go by SMS/LMS).</summary>
internal sealed record FallbackPlan(int Index, ProviderMessage Message, Channel? Channel)
{
    public RecipientOutcome Unencodable(BatchRef batch, DateTimeOffset now) => new(
        batch, Index, Message.To, Delivery.Channel.Lms, OutcomeStatus.Failed, null, FailureCodes.Unencodable, "The text has characters SMS/LMS cannot carry (e.g. emoji), so no fallback was sent.", now, IsFallback: true);
}
