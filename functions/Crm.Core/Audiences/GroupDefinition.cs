namespace Crm.Core.Audiences;

/// <summary>The body of PUT /tenants/{tenantId}/groups/{groupId}, and of a preview (condition only).</summary>
public sealed record GroupDefinition(string? Name, string? Condition);
