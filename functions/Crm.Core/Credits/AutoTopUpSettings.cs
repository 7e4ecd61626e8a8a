namespace Crm.Core.Credits;

/// <summary>The body of PUT /tenants/{tenantId}/wallet/auto-top-up.</summary>
public sealed record AutoTopUpSettings(bool Enabled, long? Threshold, int? PackageCredits, string? CardToken);
