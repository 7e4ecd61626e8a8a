namespace Crm.Providers.Solapi.Wire;

/// <summary>
/// One message's registration result. Status codes: 2000 = accepted ("정상 접수"), 1xxx = refused at
/// registration (e.g. 1060 blocked number, 1062 unregistered sender). Delivery codes (3xxx, e.g.
/// Kakao's 3104/3107, and 4000 received) arrive later, not in this answer. Entries of messageList
/// have no "to"; failedMessageList entries do.
/// </summary>
internal sealed class SolapiMessageResult
{
    public string? MessageId { get; init; }

    public string? StatusCode { get; init; }

    public string? StatusMessage { get; init; }

    public string? To { get; init; }

    public Dictionary<string, string>? CustomFields { get; init; }
}
