namespace Crm.Core.Audiences.Conditions;

/// <summary>field contains 'text': a case-insensitive substring of a text field.</summary>
public sealed record ContainsCondition(string Field, string Text) : Condition
{
    public override bool Matches(IConditionSubject subject, EvaluationContext context) =>
        subject.Read(Field) is { Kind: ValueKind.Text } actual && actual.Text!.Contains(Text, StringComparison.OrdinalIgnoreCase);

    public override bool Uses(string field) => string.Equals(Field, field, StringComparison.OrdinalIgnoreCase);
}
