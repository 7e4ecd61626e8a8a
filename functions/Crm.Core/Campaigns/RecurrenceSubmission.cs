namespace Crm.Core.Campaigns;

/// <summary>The "recurrence" of a campaign submission: every n days/weeks/months, until a date or for a number of runs.</summary>
public sealed record RecurrenceSubmission(RecurrenceUnit? Every, int? Interval, DateTimeOffset? Until, int? Runs);
