namespace Crm.Core.Delivery;

public enum OutcomeStatus
{
    /// <summary>Registered by the provider, its delivery report not in yet.</summary>
    Pending,

    /// <summary>Delivered (reported) or, when the provider never reported within the window, accepted and charged.</summary>
    Sent,
    Failed,

    /// <summary>Not sent because the campaign was cancelled (C2).</summary>
    Cancelled,

    /// <summary>Not sent because of the night rule (C4).</summary>
    Skipped,
}
