namespace Crm.Core.Cohorts;

/// <summary>The body of PUT /tenants/{tenantId}/cohorts/{cohortId}; dates as "2025-11-14".</summary>
public sealed record CohortSubmission(string? CourseId, string? Name, IReadOnlyDictionary<string, DateOnly>? ReferenceDates);
