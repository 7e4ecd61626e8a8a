namespace Crm.Core.Audiences.Conditions;

public sealed record OrCondition(Condition Left, Condition Right) : Condition
{
    public override bool Matches(IConditionSubject subject, EvaluationContext context) => Left.Matches(subject, context) || Right.Matches(subject, context);

    public override bool Uses(string field) => Left.Uses(field) || Right.Uses(field);
}
