namespace Crm.Core.Cohorts;

/// <summary>One run as the API shows it: its time, the same as the operator reads it ("2025-11-13 (목) 10:00"), and what became of it.</summary>
public sealed record ScheduledRunView(int Run, DateTimeOffset SendAt, string Display, EventRunStatus Status, string? CampaignId = null, int? Recipients = null, string? Error = null);
