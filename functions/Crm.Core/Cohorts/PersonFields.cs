using Crm.Core.Audiences.Conditions;

namespace Crm.Core.Cohorts;

/// <summary>The fields an event's user condition can name (B3), in the groups' condition language.</summary>
public static class PersonFields
{
    private static readonly Dictionary<string, (ValueKind Kind, Func<Person, object?> Read)> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["phone"] = (ValueKind.Text, p => p.Phone),
        ["name"] = (ValueKind.Text, p => p.Name),
        ["stage"] = (ValueKind.Text, p => p.Stage),
        ["stageEnteredAt"] = (ValueKind.Date, p => p.StageEnteredAt),
        ["hasCard"] = (ValueKind.Flag, p => p.HasCard),
        ["age"] = (ValueKind.Number, p => p.Age),
        ["programmingLevel"] = (ValueKind.Text, p => p.ProgrammingLevel),
        ["waitlistRank"] = (ValueKind.Number, p => p.WaitlistRank),
        ["lectureProgress"] = (ValueKind.Number, p => p.LectureProgress),
    };

    /// <summary>The field's kind when it is built in; null for custom.&lt;name&gt;; a parse error otherwise.</summary>
    public static ValueKind? KindOf(string field, int position)
    {
        if (BuiltIn.TryGetValue(field, out var known))
        {
            return known.Kind;
        }

        if (field.StartsWith(CustomerFields.CustomPrefix, StringComparison.OrdinalIgnoreCase) && field.Length > CustomerFields.CustomPrefix.Length)
        {
            return null;
        }

        throw new ConditionParseException(position, $"Unknown field '{field}'; use one of {string.Join(", ", BuiltIn.Keys)} or custom.<name>.");
    }

    public static ConditionValue? Read(Person person, string field)
    {
        object? value = BuiltIn.TryGetValue(field, out var known)
            ? known.Read(person)
            : person.Custom.TryGetValue(field[CustomerFields.CustomPrefix.Length..], out var custom) ? custom.Value : null;
        return value is null ? null : ConditionValue.Of(value);
    }
}
