namespace Crm.Providers.Solapi.Wire;

/// <summary>
/// kakaoOptions of an ATA/CTA/CTI message: pfId is the Kakao channel id registered at Solapi,
/// templateId the AlimTalk template. DisableSms is always true: the CRM charges and sends its own
/// SMS fallback (D5), so Solapi's automatic fallback would double it.
/// </summary>
internal sealed record SolapiKakaoOptions(string PfId, string? TemplateId, bool DisableSms, string? ImageId);
