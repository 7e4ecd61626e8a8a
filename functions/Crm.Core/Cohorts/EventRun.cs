namespace Crm.Core.Cohorts;

/// <summary>
/// One run of an event that came due: when, what became of it, the campaign it became (or, for a
/// linked event, the run id handed to the external campaign) and how many it went to.
/// </summary>
public sealed record EventRun(int Run, DateTimeOffset SendAt, EventRunStatus Status, string? CampaignId = null, int Recipients = 0, string? Error = null, string? ExternalRunId = null);
