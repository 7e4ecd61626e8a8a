namespace Crm.Providers.Solapi.Wire;

/// <summary>
/// POST /messages/v4/groups. allowDuplicates=false: a number already in the group is refused (1026),
/// so a repeated add cannot put a recipient in twice. customFields keep our label with the group.
/// </summary>
internal sealed record SolapiCreateGroupRequest(bool AllowDuplicates, IReadOnlyDictionary<string, string> CustomFields);
