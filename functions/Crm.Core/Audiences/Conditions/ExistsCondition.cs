namespace Crm.Core.Audiences.Conditions;

/// <summary>field exists: the subject has a value for it.</summary>
public sealed record ExistsCondition(string Field) : Condition
{
    public override bool Matches(IConditionSubject subject, EvaluationContext context) => subject.Read(Field) is not null;

    public override bool Uses(string field) => string.Equals(Field, field, StringComparison.OrdinalIgnoreCase);
}
