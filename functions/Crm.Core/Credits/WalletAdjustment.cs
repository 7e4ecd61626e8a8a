namespace Crm.Core.Credits;

/// <summary>The body of POST /tenants/{tenantId}/wallet/adjustments.</summary>
public sealed record WalletAdjustment(long? Credits, string? Reason, string? OperationId);
