namespace Crm.Core.Delivery;

/// <summary>A provider's group as it stands: whether it was sent, and every message in it.</summary>
public sealed record ProviderGroup(string GroupId, bool Sent, IReadOnlyList<ProviderMessageState> Messages);
