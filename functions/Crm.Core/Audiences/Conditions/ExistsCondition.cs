namespace Crm.Core.Audiences.Conditions;

/// <summary>field exists: the customer has a value for it.</summary>
public sealed record ExistsCondition(string Field) : Condition
{
    public override bool Matches(Customer customer, EvaluationContext context) => CustomerFields.Read(customer, Field) is not null;

    public override bool Uses(string field) => string.Equals(Field, field, StringComparison.OrdinalIgnoreCase);
}
