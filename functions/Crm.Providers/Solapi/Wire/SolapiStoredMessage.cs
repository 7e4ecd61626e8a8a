namespace Crm.Providers.Solapi.Wire;

/// <summary>One message of a group's message list: its id, recipient, current status code and our customFields.</summary>
internal sealed class SolapiStoredMessage
{
    public string? MessageId { get; init; }

    public string? To { get; init; }

    public string? StatusCode { get; init; }

    public Dictionary<string, string>? CustomFields { get; init; }
}
