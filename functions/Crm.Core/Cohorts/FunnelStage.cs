namespace Crm.Core.Cohorts;

/// <summary>One stage of a tenant's funnel (퍼널), e.g. "지원서 작성 중", and the context it belongs to (B2).</summary>
public sealed record FunnelStage(string Id, string Name, FunnelContext Context);
