namespace Crm.Core.Delivery;

/// <summary>One step of one batch for a provider's group: the channel (a message may name its own), sender and messages.</summary>
public sealed record ProviderSendRequest(
    string TenantId,
    string CampaignId,
    Channel Channel,
    string SenderNumber,
    string? Subject,
    IReadOnlyList<ProviderMessage> Messages,
    KakaoOptions? Kakao = null,
    string? ImageId = null);
