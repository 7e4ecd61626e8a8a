namespace Crm.Core.Delivery;

/// <summary>One message in a provider's group, as the provider reports it now.</summary>
public sealed record ProviderMessageState(string Reference, string To, string? ProviderMessageId, ProviderStatus Status);
