using Crm.Core.Delivery;
using Crm.Providers.Solapi.Wire;

namespace Crm.Providers.Solapi;

/// <summary>Turns a <see cref="ProviderSendRequest"/>'s messages into Solapi messages for a group, one per recipient.</summary>
internal static class SolapiRequestBuilder
{
    /// <summary>
    /// The customFields key carrying our <see cref="ProviderMessage.Reference"/> (or a group's label):
    /// Solapi keeps customFields with each message and echoes them in lists and report webhooks.
    /// </summary>
    public const string ReferenceField = "crm";

    public static IReadOnlyList<SolapiMessage> Build(ProviderSendRequest request, IEnumerable<ProviderMessage> messages)
    {
        var from = Digits(request.SenderNumber);
        return messages.Select(m =>
        {
            var type = SolapiMessageType.Of(request, m.Channel ?? request.Channel);
            var subject = type is "LMS" or "MMS" ? request.Subject : null; // Solapi refuses a subject on SMS (1013).
            var imageId = type == "MMS" ? request.ImageId ?? throw new InvalidOperationException("An MMS needs an image id (ProviderSendRequest.ImageId).") : null;
            return new SolapiMessage(
                Digits(m.To), from, m.Text, type, AutoTypeDetect: false, subject, imageId, KakaoOptions(request, type),
                new Dictionary<string, string>(1) { [ReferenceField] = m.Reference });
        }).ToList();
    }

    /// <summary>Numbers as Solapi takes them: digits only ("010-1234-5678" → "01012345678").</summary>
    public static string Digits(string number) => string.Concat(number.Where(char.IsAsciiDigit));

    private static SolapiKakaoOptions? KakaoOptions(ProviderSendRequest request, string type)
    {
        if (!SolapiMessageType.IsKakao(type))
        {
            return null;
        }

        var kakao = request.Kakao ?? throw new InvalidOperationException($"A {request.Channel} send needs Kakao options (channel id).");
        if (string.IsNullOrWhiteSpace(kakao.ChannelId))
        {
            throw new InvalidOperationException($"A {request.Channel} send needs the tenant's Kakao channel id (Solapi pfId).");
        }

        return type switch
        {
            "ATA" => new SolapiKakaoOptions(kakao.ChannelId, kakao.TemplateCode ?? throw new InvalidOperationException("An AlimTalk send needs its template code (Solapi templateId)."), DisableSms: true, kakao.ImageId),
            "CTI" => new SolapiKakaoOptions(kakao.ChannelId, null, DisableSms: true, kakao.ImageId ?? request.ImageId ?? throw new InvalidOperationException("An image FriendTalk needs an image id.")),
            _ => new SolapiKakaoOptions(kakao.ChannelId, null, DisableSms: true, null),
        };
    }
}
