namespace Crm.Core.Audiences;

/// <summary>The body of an opt-out: POST /tenants/{tenantId}/opt-outs, or the 080 line's webhook.</summary>
public sealed record OptOutRequest(string? Phone);
