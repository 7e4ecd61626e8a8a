namespace Crm.Core.Cohorts;

/// <summary>
/// A run of a course (기수) with its named reference dates (B1): recruitmentStart, recruitmentEnd,
/// preCampStart, courseStart, courseEnd and any other name. Dates are days in the tenant's zone.
/// The course is fixed once the cohort exists (B6).
/// </summary>
public sealed record Cohort(string TenantId, string CohortId, string CourseId, string Name, IReadOnlyDictionary<string, DateOnly> ReferenceDates);
