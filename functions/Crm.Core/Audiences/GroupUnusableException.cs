namespace Crm.Core.Audiences;

/// <summary>
/// A campaign's group cannot give its members: the group is gone, or its condition (saved under
/// older rules) no longer parses or evaluates. Retrying cannot help; the campaign fails with this reason.
/// </summary>
public sealed class GroupUnusableException(string groupId, string problem, Exception? inner = null)
    : Exception($"The group '{groupId}' cannot be evaluated. {problem} Fix the group and submit the campaign again.", inner);
