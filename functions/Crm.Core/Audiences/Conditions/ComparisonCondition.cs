namespace Crm.Core.Audiences.Conditions;

/// <summary>field op value. A subject without the field, or with a value of another kind, does not match.</summary>
public sealed record ComparisonCondition(string Field, string Operator, Literal Value) : Condition
{
    public override bool Matches(IConditionSubject subject, EvaluationContext context)
    {
        if (subject.Read(Field) is not { } actual || actual.CompareTo(Value.Resolve(context)) is not { } order)
        {
            return false;
        }

        return Operator switch
        {
            "=" => order == 0,
            "!=" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        };
    }

    public override bool Uses(string field) => string.Equals(Field, field, StringComparison.OrdinalIgnoreCase);
}
