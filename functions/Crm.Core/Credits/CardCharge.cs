namespace Crm.Core.Credits;

/// <summary>A card payment to make once: the payment provider de-duplicates on <see cref="IdempotencyKey"/>.</summary>
public sealed record CardCharge(string TenantId, string CardToken, long AmountWon, string IdempotencyKey, string Description);
