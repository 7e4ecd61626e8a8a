namespace Crm.Core.Audiences.Conditions;

/// <summary>field in (a, b, …): equal to any of the values.</summary>
public sealed record InCondition(string Field, IReadOnlyList<Literal> Values) : Condition
{
    public override bool Matches(IConditionSubject subject, EvaluationContext context) =>
        subject.Read(Field) is { } actual && Values.Any(v => actual.CompareTo(v.Resolve(context)) == 0);

    public override bool Uses(string field) => string.Equals(Field, field, StringComparison.OrdinalIgnoreCase);
}
