namespace Crm.Core.Audiences.Conditions;

/// <summary>a or b or …: one node for the whole chain, so a long chain adds no depth to the tree.</summary>
public sealed record OrCondition(IReadOnlyList<Condition> Terms) : Condition
{
    public override bool Matches(IConditionSubject subject, EvaluationContext context)
    {
        foreach (var term in Terms)
        {
            if (term.Matches(subject, context))
            {
                return true;
            }
        }

        return false;
    }

    public override bool Uses(string field) => Terms.Any(t => t.Uses(field));
}
