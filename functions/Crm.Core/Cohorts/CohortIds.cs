namespace Crm.Core.Cohorts;

/// <summary>
/// Course, cohort, stage and event ids are storage keys and URL segments: 1–40 ASCII letters,
/// digits or dashes ("_" separates keys in storage). Reference date names are 1–40 letters or digits.
/// </summary>
public static class CohortIds
{
    public static bool IsValid(string? id) => id is { Length: >= 1 and <= 40 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static bool IsValidName(string? name) => name is { Length: >= 1 and <= 40 } && name.All(char.IsAsciiLetterOrDigit);
}
