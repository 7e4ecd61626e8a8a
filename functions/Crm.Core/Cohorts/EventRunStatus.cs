namespace Crm.Core.Cohorts;

/// <summary>What became of one run of an event.</summary>
public enum EventRunStatus
{
    /// <summary>Not yet due.</summary>
    Scheduled,

    /// <summary>Its time had passed when the event was saved or switched on: never sent.</summary>
    Past,

    /// <summary>Registered as a campaign (<see cref="EventRun.CampaignId"/>), or handed to the external campaign (B7).</summary>
    Created,

    /// <summary>Nobody matched at send time: no campaign.</summary>
    NoAudience,

    /// <summary>The host was down past the grace period: not sent late.</summary>
    Missed,

    /// <summary>Switched off (B5) while its campaign was being registered: that campaign was cancelled.</summary>
    Cancelled,

    /// <summary>The campaign could not be registered (e.g. the sender number is no longer registered).</summary>
    Failed,
}
