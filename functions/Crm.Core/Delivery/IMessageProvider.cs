namespace Crm.Core.Delivery;

/// <summary>
/// A sending provider (Solapi, or the sandbox that behaves like it). Each step of a batch goes in a
/// group kept by the provider: created first and recorded, then filled and sent once, then read
/// for delivery reports. A retry asks the group what happened instead of sending again (D9). A
/// fault of a whole call (timeout, 5xx) is a <see cref="TransientProviderException"/>; a refusal
/// that retrying cannot mend is a <see cref="PermanentDeliveryException"/>.
/// </summary>
public interface IMessageProvider
{
    /// <summary>A new, empty group; <paramref name="label"/> (≤ 100 characters) is kept with it.</summary>
    Task<string> CreateGroupAsync(string label, CancellationToken cancellationToken);

    /// <summary>
    /// Adds to the group whichever of the messages it does not hold yet and sends it, unless it was
    /// sent already; returns every message of the group as it stands (registered, or refused).
    /// </summary>
    Task<ProviderGroup> SendGroupAsync(string groupId, ProviderSendRequest request, CancellationToken cancellationToken);

    /// <summary>The group as it stands now: its messages' delivery reports, or pending.</summary>
    Task<ProviderGroup> ReadGroupAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure a group that was not sent never will be (deleted while pending; a send still in
    /// flight decides first) and returns it as it then stands: <see cref="ProviderGroup.Sent"/> when it
    /// went out after all. Only then is "nothing was sent" a fact to refund on.
    /// </summary>
    Task<ProviderGroup> DiscardGroupAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>Why this provider cannot send a channel and format at all, or null when it can (checked at submission).</summary>
    string? Refuses(Channel channel, FriendTalkType? friendTalkType);
}
