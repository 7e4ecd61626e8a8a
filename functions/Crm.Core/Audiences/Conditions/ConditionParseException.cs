namespace Crm.Core.Audiences.Conditions;

/// <summary>A condition that does not parse; <see cref="Position"/> is the 1-based character where it went wrong.</summary>
public sealed class ConditionParseException(int position, string problem)
    : Exception($"At character {position}: {problem}")
{
    public int Position { get; } = position;

    public string Problem { get; } = problem;
}
