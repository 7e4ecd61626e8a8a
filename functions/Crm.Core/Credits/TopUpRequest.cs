namespace Crm.Core.Credits;

/// <summary>The body of POST /tenants/{tenantId}/wallet/top-ups: a package, and how to pay (points in units of 1,000, card for the rest).</summary>
public sealed record TopUpRequest(int? PackageCredits, string? CardToken, long? Points = null);
