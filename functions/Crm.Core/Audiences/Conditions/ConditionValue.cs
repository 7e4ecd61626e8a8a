namespace Crm.Core.Audiences.Conditions;

/// <summary>A typed value on either side of a comparison; dates are instants (relative dates resolved at evaluation).</summary>
public readonly record struct ConditionValue(ValueKind Kind, string? Text = null, decimal Number = 0, bool Flag = false, DateTimeOffset Date = default)
{
    public static ConditionValue Of(object? value) => value switch
    {
        string s => new(ValueKind.Text, Text: s),
        decimal d => new(ValueKind.Number, Number: d),
        long l => new(ValueKind.Number, Number: l),
        int i => new(ValueKind.Number, Number: i),
        bool b => new(ValueKind.Flag, Flag: b),
        DateTimeOffset t => new(ValueKind.Date, Date: t),
        _ => throw new ArgumentException($"Unsupported value {value}.", nameof(value)),
    };

    /// <summary>Compares two values of the same kind; null when they cannot be compared.</summary>
    public int? CompareTo(ConditionValue other) => (Kind, other.Kind) switch
    {
        (ValueKind.Text, ValueKind.Text) => string.CompareOrdinal(Text, other.Text),
        (ValueKind.Number, ValueKind.Number) => Number.CompareTo(other.Number),
        (ValueKind.Flag, ValueKind.Flag) => Flag.CompareTo(other.Flag),
        (ValueKind.Date, ValueKind.Date) => Date.CompareTo(other.Date),
        _ => null,
    };

    public override string ToString() => Kind switch
    {
        ValueKind.Text => $"'{Text}'",
        ValueKind.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueKind.Flag => Flag ? "true" : "false",
        _ => Date.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
    };
}
