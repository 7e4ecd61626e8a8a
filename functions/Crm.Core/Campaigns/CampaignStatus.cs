namespace Crm.Core.Campaigns;

public enum CampaignStatus
{
    /// <summary>Stored, waiting for its send time (now-campaigns wait only for the dispatcher).</summary>
    Scheduled,

    /// <summary>Batches cut and queued; some are still being delivered.</summary>
    Sending,

    /// <summary>Every batch has an outcome for every recipient.</summary>
    Completed,
}
