using Crm.Core.Credits;
using Crm.Core.Delivery;

namespace Crm.Core.Tenants;

/// <summary>A business using the CRM, with the settings its sends depend on.</summary>
public sealed record Tenant
{
    public const string DefaultTimeZone = "Asia/Seoul";

    public required string TenantId { get; init; }

    public required string Name { get; init; }

    /// <summary>Registered sender numbers (C5), normalised digits.</summary>
    public IReadOnlySet<string> SenderNumbers { get; init; } = new HashSet<string>();

    public string TimeZone { get; init; } = DefaultTimeZone;

    /// <summary>Channels whose failed sends fall back to SMS/LMS (D5): alimTalk, friendTalk, appPush.</summary>
    public IReadOnlySet<Channel> FallbackChannels { get; init; } = new HashSet<Channel>();

    /// <summary>SMS text longer than 90 bytes goes as LMS instead of being refused.</summary>
    public bool AllowLmsConversion { get; init; }

    /// <summary>Credits per message where the tenant differs from <see cref="PriceTable.Default"/>.</summary>
    public IReadOnlyDictionary<string, int> Prices { get; init; } = new Dictionary<string, int>();

    /// <summary>The Kakao channel (plus friend id / sender key) AlimTalk and FriendTalk are sent from.</summary>
    public string? KakaoChannelId { get; init; }

    /// <summary>The free 080 number recipients call to opt out of advertising (C3, G4).</summary>
    public string? OptOutNumber { get; init; }

    public PriceTable PriceTable => new(Prices);
}
