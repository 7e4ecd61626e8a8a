namespace Crm.Core.Cohorts;

/// <summary>A course (트랙) of a training academy, e.g. "UXUI"; its runs are cohorts (B1).</summary>
public sealed record Course(string TenantId, string CourseId, string Name);
