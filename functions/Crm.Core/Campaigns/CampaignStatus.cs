namespace Crm.Core.Campaigns;

public enum CampaignStatus
{
    /// <summary>Stored, waiting for its send time (now-campaigns wait only for the dispatcher).</summary>
    Scheduled,

    /// <summary>Batches cut and queued; some are still being delivered.</summary>
    Sending,

    /// <summary>Every batch has an outcome for every recipient.</summary>
    Completed,

    /// <summary>Stopped by the tenant (C2): batches not yet sent were not sent, and refunded.</summary>
    Cancelled,

    /// <summary>Nothing was sent (e.g. FriendTalk the wallet could not pay for whole, D3); see the failure reason.</summary>
    Failed,
}
