namespace Crm.Core.Cohorts;

/// <summary>The body of a stage change: the new stage, and when it was entered (absent: now).</summary>
public sealed record StageChange(string? Stage, DateTimeOffset? EnteredAt = null);
