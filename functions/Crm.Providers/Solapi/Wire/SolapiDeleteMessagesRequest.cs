namespace Crm.Providers.Solapi.Wire;

/// <summary>DELETE /messages/v4/groups/{groupId}/messages: removes messages from a group not yet sent.</summary>
internal sealed record SolapiDeleteMessagesRequest(IReadOnlyList<string> MessageIds);
