namespace Crm.Core.Audiences.Conditions;

public sealed record NotCondition(Condition Inner) : Condition
{
    public override bool Matches(Customer customer, EvaluationContext context) => !Inner.Matches(customer, context);

    public override bool Uses(string field) => Inner.Uses(field);
}
