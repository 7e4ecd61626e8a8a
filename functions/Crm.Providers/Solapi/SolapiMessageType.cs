using Crm.Core.Delivery;

namespace Crm.Providers.Solapi;

/// <summary>
/// Solapi's message type for a channel: SMS, LMS, MMS; ATA (AlimTalk); CTA/CTI (FriendTalk text and
/// with one image). Solapi also documents brand-message types (BMS_WIDE, BMS_CAROUSEL_FEED, ...), but
/// they need structured content (wide items, carousel cards, targeting) that a ProviderSendRequest
/// does not carry, so FriendTalk wide and carousel are refused at submission while Solapi sends
/// (<see cref="Refusal"/>), until the CRM models them.
/// </summary>
internal static class SolapiMessageType
{
    public static string Of(ProviderSendRequest request, Channel channel) => channel switch
    {
        Channel.Sms => "SMS",
        Channel.Lms => "LMS",
        Channel.Mms => "MMS",
        Channel.AlimTalk => "ATA",
        Channel.FriendTalk => request.Kakao?.FriendTalkType switch
        {
            null or FriendTalkType.Text => "CTA",
            FriendTalkType.Image => "CTI",
            var other => throw new NotSupportedException(
                $"FriendTalk {other} is not supported by the Solapi adapter: Solapi sends it as a brand message (BMS_*) whose structured content the CRM does not model yet."),
        },
        _ => throw new NotSupportedException($"Solapi does not send {request.Channel} messages."),
    };

    public static bool IsKakao(string type) => type is "ATA" or "CTA" or "CTI";

    /// <summary>Why Solapi cannot take a channel and format the CRM accepts, or null.</summary>
    public static string? Refusal(Channel channel, FriendTalkType? friendTalkType) => (channel, friendTalkType) switch
    {
        (Channel.FriendTalk, FriendTalkType.Wide or FriendTalkType.Carousel) =>
            $"FriendTalk {friendTalkType.ToString()!.ToLowerInvariant()} cannot be sent through Solapi, the configured provider: Solapi sends it as a Kakao brand message whose wide items and carousel cards the CRM does not model yet. Send it as text or image FriendTalk.",
        (Channel.Sms or Channel.Lms or Channel.Mms or Channel.AlimTalk or Channel.FriendTalk, _) => null,
        _ => $"Solapi does not send {channel} messages.",
    };
}
