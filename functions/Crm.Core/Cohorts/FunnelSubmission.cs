namespace Crm.Core.Cohorts;

/// <summary>The body of PUT /tenants/{tenantId}/funnel: every stage in funnel order.</summary>
public sealed record FunnelSubmission(IReadOnlyList<FunnelStageSubmission?>? Stages);
