namespace Crm.Core.Cohorts;

/// <summary>The answer of the preview: every run's send time and weekday, and how many people the event would reach now.</summary>
public sealed record EventPreview(IReadOnlyList<ScheduledRunView> Runs, int AudienceCount);
