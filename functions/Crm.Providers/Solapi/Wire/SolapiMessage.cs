namespace Crm.Providers.Solapi.Wire;

/// <summary>
/// One message of a send-many request. AutoTypeDetect=false keeps the type we chose (and charged for):
/// Solapi would otherwise pick SMS/LMS from the length. CustomFields carry our reference (keys up to
/// 30 characters, values up to 100, strings only) and come back with the message's result.
/// </summary>
internal sealed record SolapiMessage(
    string To,
    string From,
    string Text,
    string Type,
    bool AutoTypeDetect,
    string? Subject,
    string? ImageId,
    SolapiKakaoOptions? KakaoOptions,
    IReadOnlyDictionary<string, string> CustomFields);
