namespace Crm.Providers.Solapi.Wire;

/// <summary>
/// Answer of send-many/detail (HTTP 200 even when some or all messages were refused): the group,
/// the registered messages (only with showMessageList=true) and the refused ones. Fields we do not
/// use (counts, balance, prices, logs) are ignored.
/// </summary>
internal sealed class SolapiSendManyResponse
{
    public SolapiGroupInfo? GroupInfo { get; init; }

    public List<SolapiMessageResult>? MessageList { get; init; }

    public List<SolapiMessageResult>? FailedMessageList { get; init; }
}
