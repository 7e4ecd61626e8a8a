using System.Globalization;

namespace Crm.Core.Audiences.Conditions;

/// <summary>
/// A value written in a condition. Dates are resolved when evaluated: "now-90d" against the
/// evaluation time, "2026-01-31" as midnight in the tenant's zone (Asia/Seoul by default).
/// </summary>
public sealed record Literal(ValueKind Kind, string Source, ConditionValue? Fixed = null, TimeSpan? FromNow = null, DateTime? LocalDate = null)
{
    public ConditionValue Resolve(EvaluationContext context)
    {
        if (Fixed is { } value)
        {
            return value;
        }

        if (FromNow is { } offset)
        {
            return new ConditionValue(ValueKind.Date, Date: context.Now + offset);
        }

        var local = LocalDate!.Value;
        return new ConditionValue(ValueKind.Date, Date: new DateTimeOffset(local, context.Zone.GetUtcOffset(local)));
    }

    public static Literal Parse(Token token) => token.Kind switch
    {
        TokenKind.Text => new(ValueKind.Text, token.Text, new ConditionValue(ValueKind.Text, Text: token.Text)),
        TokenKind.Number => decimal.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
            ? new(ValueKind.Number, token.Text, new ConditionValue(ValueKind.Number, Number: n))
            : throw new ConditionParseException(token.Position, $"'{token.Text}' is not a number."),
        TokenKind.Date => ParseDate(token),
        TokenKind.Identifier when token.Text.Equals("true", StringComparison.OrdinalIgnoreCase) => new(ValueKind.Flag, token.Text, new ConditionValue(ValueKind.Flag, Flag: true)),
        TokenKind.Identifier when token.Text.Equals("false", StringComparison.OrdinalIgnoreCase) => new(ValueKind.Flag, token.Text, new ConditionValue(ValueKind.Flag, Flag: false)),
        _ => throw new ConditionParseException(token.Position, $"Expected a value ('text', a number, true/false, a date like 2026-01-31, or now-90d), found '{token.Text}'."),
    };

    private static Literal ParseDate(Token token)
    {
        if (token.Text.StartsWith("now", StringComparison.OrdinalIgnoreCase))
        {
            if (token.Text.Length == 3)
            {
                return new(ValueKind.Date, token.Text, FromNow: TimeSpan.Zero);
            }

            var unit = token.Text[^1];
            if (unit is not ('d' or 'h' or 'w') || !int.TryParse(token.Text[3..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            {
                throw new ConditionParseException(token.Position, $"'{token.Text}' is not a relative date; write now-90d, now+7d, now-12h or now-2w.");
            }

            var offset = unit switch { 'd' => TimeSpan.FromDays(amount), 'w' => TimeSpan.FromDays(7 * amount), _ => TimeSpan.FromHours(amount) };
            return new(ValueKind.Date, token.Text, FromNow: offset);
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
        return DateTime.TryParseExact(token.Text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new(ValueKind.Date, token.Text, LocalDate: DateTime.SpecifyKind(local, DateTimeKind.Unspecified))
            : throw new ConditionParseException(token.Position, $"'{token.Text}' is not a date; write 2026-01-31 or 2026-01-31T09:00.");
    }
}
