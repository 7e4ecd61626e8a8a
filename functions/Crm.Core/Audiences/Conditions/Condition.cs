namespace Crm.Core.Audiences.Conditions;

/// <summary>A parsed group condition (G1), evaluated per customer.</summary>
public abstract record Condition
{
    /// <summary>The longest condition accepted, in characters: a marketer's conditions are short, and Table Storage holds at most 32,000 in a property.</summary>
    public const int MaxLength = 4_000;

    /// <summary>
    /// How deep parentheses and 'not' may nest. And/or chains are flat nodes, so this also bounds the
    /// depth of the parsed tree and of every recursion over it (evaluation, <see cref="Uses"/>).
    /// </summary>
    public const int MaxDepth = 16;

    public abstract bool Matches(Customer customer, EvaluationContext context);

    /// <summary>Whether the condition reads <paramref name="field"/> (rewardPoints costs a read of the points buckets).</summary>
    public abstract bool Uses(string field);

    /// <summary>Parses the condition language within the limits above; errors name the character position.</summary>
    public static Condition Parse(string text) => ConditionParser.Parse(text);
}
