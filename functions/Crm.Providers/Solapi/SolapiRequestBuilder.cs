using Crm.Core.Delivery;
using Crm.Providers.Solapi.Wire;

namespace Crm.Providers.Solapi;

/// <summary>Turns part of a <see cref="ProviderSendRequest"/> into a send-many body, one Solapi message per recipient.</summary>
internal static class SolapiRequestBuilder
{
    /// <summary>The customFields key carrying our <see cref="ProviderMessage.Reference"/> (Solapi echoes customFields in results).</summary>
    public const string ReferenceField = "crmRef";

    public static SolapiSendManyRequest Build(ProviderSendRequest request, IEnumerable<ProviderMessage> messages)
    {
        var type = SolapiMessageType.Of(request);
        var kakao = KakaoOptions(request, type);
        var subject = type is "LMS" or "MMS" ? request.Subject : null; // Solapi refuses a subject on SMS (1013).
        var imageId = type == "MMS" ? request.ImageId ?? throw new InvalidOperationException("An MMS needs an image id (ProviderSendRequest.ImageId).") : null;
        var from = Digits(request.SenderNumber);

        var list = messages.Select(m => new SolapiMessage(
            Digits(m.To), from, m.Text, type, AutoTypeDetect: false, subject, imageId, kakao,
            new Dictionary<string, string>(1) { [ReferenceField] = m.Reference })).ToList();
        return new SolapiSendManyRequest(list, AllowDuplicates: false, ShowMessageList: true);
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
