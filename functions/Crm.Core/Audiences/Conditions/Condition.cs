namespace Crm.Core.Audiences.Conditions;

/// <summary>A parsed condition: a group's (G1), evaluated per customer, or an event's user condition (B3), per person.</summary>
public abstract record Condition
{
    /// <summary>The longest condition accepted, in characters: a marketer's conditions are short, and Table Storage holds at most 32,000 in a property.</summary>
    public const int MaxLength = 4_000;

    /// <summary>
    /// How deep parentheses and 'not' may nest. And/or chains are flat nodes, so this also bounds the
    /// depth of the parsed tree and of every recursion over it (evaluation, <see cref="Uses"/>).
    /// </summary>
    public const int MaxDepth = 16;

    public abstract bool Matches(IConditionSubject subject, EvaluationContext context);

    /// <summary>Whether the condition reads <paramref name="field"/> (rewardPoints costs a read of the points buckets).</summary>
    public abstract bool Uses(string field);

    /// <summary>Parses the condition language over customer fields within the limits above; errors name the character position.</summary>
    public static Condition Parse(string text) => ConditionParser.Parse(text, CustomerFields.KindOf);

    /// <summary>
    /// Parses the condition language over another subject's fields: <paramref name="kindOf"/> gives a
    /// field's kind, null for a field whose kind is per value (custom), and throws for an unknown one.
    /// </summary>
    public static Condition Parse(string text, Func<string, int, ValueKind?> kindOf) => ConditionParser.Parse(text, kindOf);
}
