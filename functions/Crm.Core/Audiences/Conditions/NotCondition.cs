namespace Crm.Core.Audiences.Conditions;

public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool Matches(IConditionSubject subject, EvaluationContext context) => !Inner.Matches(subject, context);

    public override bool Uses(string field) => Inner.Uses(field);
}
