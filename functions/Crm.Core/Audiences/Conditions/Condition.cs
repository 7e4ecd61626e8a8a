namespace Crm.Core.Audiences.Conditions;

/// <summary>A parsed group condition (G1), evaluated per customer.</summary>
public abstract record Condition
{
    public abstract bool Matches(Customer customer, EvaluationContext context);

    /// <summary>Whether the condition reads <paramref name="field"/> (rewardPoints costs a read of the points buckets).</summary>
    public abstract bool Uses(string field);

    /// <summary>Parses the condition language; errors name the character position.</summary>
    public static Condition Parse(string text) => ConditionParser.Parse(text);
}
