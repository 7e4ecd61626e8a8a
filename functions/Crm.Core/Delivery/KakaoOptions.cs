namespace Crm.Core.Delivery;

/// <summary>What a Kakao send needs besides text: the channel it comes from, the template or format, an image.</summary>
public sealed record KakaoOptions(string ChannelId, string? TemplateCode, FriendTalkType? FriendTalkType, string? ImageId);
