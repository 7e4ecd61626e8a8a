namespace Crm.Core.Delivery;

public enum OutcomeStatus
{
    Sent,
    Failed,

    /// <summary>Not sent because the campaign was cancelled (C2).</summary>
    Cancelled,

    /// <summary>Not sent because of the night rule (C4).</summary>
    Skipped,
}
