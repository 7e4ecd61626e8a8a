using Crm.Core.Delivery;

namespace Crm.Core.Tenants;

/// <summary>The body of PUT /tenants/{tenantId}.</summary>
public sealed record TenantSettings(
    string? Name,
    string? TimeZone = null,
    IReadOnlyList<Channel>? FallbackChannels = null,
    bool AllowLmsConversion = false,
    IReadOnlyDictionary<string, int>? Prices = null,
    string? KakaoChannelId = null,
    string? OptOutNumber = null);
