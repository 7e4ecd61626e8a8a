namespace Crm.Core.Cohorts;

/// <summary>The #{variables} an event's content may use, filled per person at send time.</summary>
public static class VariableNames
{
    public static IReadOnlyList<string> All { get; } = ["name", "cohort", "course"];
}
