namespace Crm.Core.Credits;

/// <summary>The body of POST /tenants/{tenantId}/wallet/adjustments: credits and/or reward points, signed.</summary>
public sealed record WalletAdjustment(long? Credits, string? Reason, string? OperationId, long? Points = null);
