namespace Crm.Core.Delivery;

/// <summary>
/// One call to a sending provider for one batch. Providers must treat a repeated
/// <see cref="IdempotencyKey"/> as the same request (D9): the key is batch id + step.
/// </summary>
public sealed record ProviderSendRequest(
    string IdempotencyKey,
    string TenantId,
    string CampaignId,
    Channel Channel,
    string SenderNumber,
    string? Subject,
    IReadOnlyList<ProviderMessage> Messages,
    KakaoOptions? Kakao = null,
    string? ImageId = null);
