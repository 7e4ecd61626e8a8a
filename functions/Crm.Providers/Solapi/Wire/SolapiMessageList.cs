namespace Crm.Providers.Solapi.Wire;

/// <summary>GET /messages/v4/groups/{groupId}/messages: a page of messages keyed by message id; nextKey (when present) is the next page's startKey.</summary>
internal sealed class SolapiMessageList
{
    public string? NextKey { get; init; }

    public Dictionary<string, SolapiStoredMessage>? MessageList { get; init; }
}
