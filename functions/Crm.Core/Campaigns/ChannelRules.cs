using Crm.Core.Common;
using Crm.Core.Delivery;

namespace Crm.Core.Campaigns;

/// <summary>Per-channel length and character rules (D8), measured on the text a recipient will receive.</summary>
public static class ChannelRules
{
    public const int KakaoMaxCharacters = 1000;
    public const int FriendTalkImageMaxCharacters = 400;
    public const int FriendTalkWideMaxCharacters = 76;

    public static bool IsKakao(Channel channel) => channel is Channel.AlimTalk or Channel.FriendTalk;

    /// <summary>The problem with <paramref name="text"/> on <paramref name="channel"/>, or null when it fits.</summary>
    public static string? Check(string text, Channel channel, FriendTalkType? type)
    {
        if (IsKakao(channel))
        {
            var characters = text.EnumerateRunes().Count();
            var max = channel == Channel.FriendTalk && type == FriendTalkType.Image ? FriendTalkImageMaxCharacters
                : channel == Channel.FriendTalk && type == FriendTalkType.Wide ? FriendTalkWideMaxCharacters
                : KakaoMaxCharacters;
            return characters > max ? $"The message is {characters} characters; {channel}{(type is null ? string.Empty : $" {type}")} allows {max}." : null;
        }

        if (!EucKr.TryGetByteCount(text, out var bytes, out var bad))
        {
            var character = char.IsSurrogatePair(text, bad) ? text.Substring(bad, 2) : text[bad].ToString();
            return $"Character {bad + 1} ('{character}') cannot be sent by SMS/LMS/MMS (emoji and most non-Korean scripts cannot); remove it.";
        }

        var limit = channel == Channel.Sms ? CampaignRules.SmsMaxBytes : CampaignRules.LmsMaxBytes;
        return bytes > limit
            ? $"The message is {bytes} bytes; {channel.ToString().ToUpperInvariant()} allows {limit} (Hangul counts 2).{(channel == Channel.Sms ? " Use lms for longer text." : string.Empty)}"
            : null;
    }

    /// <summary>SMS when the text fits 90 bytes, else LMS (fallback sends and LMS conversion, D5).</summary>
    public static Channel SmsOrLms(string text) =>
        EucKr.TryGetByteCount(text, out var bytes, out _) && bytes <= CampaignRules.SmsMaxBytes ? Channel.Sms : Channel.Lms;
}
