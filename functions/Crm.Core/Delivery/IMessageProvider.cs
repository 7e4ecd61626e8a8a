namespace Crm.Core.Delivery;

/// <summary>
/// A sending provider (Korean SMS/Kakao API, WhatsApp, or the sandbox). Per-recipient refusals
/// are results; a fault of the whole call (timeout, 5xx) is a <see cref="TransientProviderException"/>
/// that the workflow's retry policy handles.
/// </summary>
public interface IMessageProvider
{
    Task<IReadOnlyList<ProviderResult>> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken);
}
