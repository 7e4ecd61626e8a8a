namespace Crm.Providers.Solapi.Wire;

/// <summary>PUT /messages/v4/groups/{groupId}/messages: up to 10,000 messages per call.</summary>
internal sealed record SolapiAddMessagesRequest(IReadOnlyList<SolapiMessage> Messages);
