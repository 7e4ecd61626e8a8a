using System.Globalization;

namespace Crm.Core.Audiences.Conditions;

/// <summary>
/// A value written in a condition. Dates are resolved when evaluated: "now-90d" against the
/// evaluation time, "2026-01-31" as midnight in the tenant's zone (Asia/Seoul by default).
/// Values are held to the ranges below when parsed, so resolving one in any zone cannot fall off the calendar.
/// </summary>
public sealed record Literal(ValueKind Kind, string Source, ConditionValue? Fixed = null, TimeSpan? FromNow = null, DateTime? LocalDate = null)
{
    /// <summary>The first day a date in a condition may fall on.</summary>
    public static readonly DateTime MinDate = new(1900, 1, 1);

    /// <summary>The last day a date in a condition may fall on.</summary>
    public static readonly DateTime MaxDate = new(2999, 12, 31);

    /// <summary>How far from now a relative date may reach, either way: 100 years.</summary>
    public const int MaxRelativeDays = 36_500;

    /// <summary>The largest number, in absolute value, a condition may name (15 digits before the point).</summary>
    public const decimal MaxNumber = 999_999_999_999_999m;

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
        TokenKind.Number => ParseNumber(token),
        TokenKind.Date => ParseDate(token),
        TokenKind.Identifier when token.Text.Equals("true", StringComparison.OrdinalIgnoreCase) => new(ValueKind.Flag, token.Text, new ConditionValue(ValueKind.Flag, Flag: true)),
        TokenKind.Identifier when token.Text.Equals("false", StringComparison.OrdinalIgnoreCase) => new(ValueKind.Flag, token.Text, new ConditionValue(ValueKind.Flag, Flag: false)),
        _ => throw new ConditionParseException(token.Position, $"Expected a value ('text', a number, true/false, a date like 2026-01-31, or now-90d), found '{token.Text}'."),
    };

    private static Literal ParseNumber(Token token)
    {
        if (!decimal.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            throw new ConditionParseException(token.Position, $"'{token.Text}' is not a number.");
        }

        return Math.Abs(n) <= MaxNumber
            ? new(ValueKind.Number, token.Text, new ConditionValue(ValueKind.Number, Number: n))
            : throw new ConditionParseException(token.Position, $"'{token.Text}' is out of range; numbers in conditions are between -{MaxNumber:N0} and {MaxNumber:N0}.");
    }

    private static Literal ParseDate(Token token)
    {
        if (token.Text.StartsWith("now", StringComparison.OrdinalIgnoreCase))
        {
            if (token.Text.Length == 3)
            {
                return new(ValueKind.Date, token.Text, FromNow: TimeSpan.Zero);
            }

            var unit = token.Text[^1];
            if (unit is not ('d' or 'h' or 'w') || !long.TryParse(token.Text[3..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            {
                throw new ConditionParseException(token.Position, $"'{token.Text}' is not a relative date; write now-90d, now+7d, now-12h or now-2w.");
            }

            var limit = unit switch { 'd' => MaxRelativeDays, 'w' => MaxRelativeDays / 7, _ => MaxRelativeDays * 24 };
            if (amount < -limit || amount > limit)
            {
                throw new ConditionParseException(token.Position, $"'{token.Text}' is out of range; relative dates reach at most {MaxRelativeDays:N0} days from now ({MaxRelativeDays}d, {MaxRelativeDays / 7}w or {MaxRelativeDays * 24}h).");
            }

            var offset = unit switch { 'd' => TimeSpan.FromDays((int)amount), 'w' => TimeSpan.FromDays(7 * (int)amount), _ => TimeSpan.FromHours((int)amount) };
            return new(ValueKind.Date, token.Text, FromNow: offset);
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
        if (!DateTime.TryParseExact(token.Text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new ConditionParseException(token.Position, $"'{token.Text}' is not a date; write 2026-01-31 or 2026-01-31T09:00.");
        }

        return local.Date >= MinDate && local.Date <= MaxDate
            ? new(ValueKind.Date, token.Text, LocalDate: DateTime.SpecifyKind(local, DateTimeKind.Unspecified))
            : throw new ConditionParseException(token.Position, $"'{token.Text}' is out of range; dates in conditions are from {MinDate:yyyy-MM-dd} to {MaxDate:yyyy-MM-dd}.");
    }
}
