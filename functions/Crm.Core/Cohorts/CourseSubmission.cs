namespace Crm.Core.Cohorts;

/// <summary>The body of PUT /tenants/{tenantId}/courses/{courseId}.</summary>
public sealed record CourseSubmission(string? Name);
