namespace Crm.Core.Audiences.Conditions;

public sealed record AndCondition(Condition Left, Condition Right) : Condition
{
    public override bool Matches(Customer customer, EvaluationContext context) => Left.Matches(customer, context) && Right.Matches(customer, context);

    public override bool Uses(string field) => Left.Uses(field) || Right.Uses(field);
}
