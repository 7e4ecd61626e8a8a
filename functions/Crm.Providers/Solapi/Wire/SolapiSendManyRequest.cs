namespace Crm.Providers.Solapi.Wire;

/// <summary>
/// Body of POST /messages/v4/send-many/detail. AllowDuplicates=false makes Solapi refuse a repeated
/// recipient within one request (status 1026); it is not a dedupe across requests. ShowMessageList=true
/// asks for the accepted messages' ids and status in the answer (without it only failures come back).
/// </summary>
internal sealed record SolapiSendManyRequest(IReadOnlyList<SolapiMessage> Messages, bool AllowDuplicates, bool ShowMessageList);
