namespace Crm.Core.Tenants;

/// <summary>The body of POST /tenants/{tenantId}/sender-numbers.</summary>
public sealed record SenderNumberRegistration(string? Number);
