namespace Crm.Core.Cohorts;

/// <summary>The body of a clone: optionally a new name; a cohortId, if given, must be the event's own (B6: clones stay in their cohort).</summary>
public sealed record CloneRequest(string? Name = null, string? CohortId = null);
