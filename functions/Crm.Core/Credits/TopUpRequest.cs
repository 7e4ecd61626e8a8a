namespace Crm.Core.Credits;

/// <summary>The body of POST /tenants/{tenantId}/wallet/top-ups.</summary>
public sealed record TopUpRequest(int? PackageCredits, string? CardToken);
