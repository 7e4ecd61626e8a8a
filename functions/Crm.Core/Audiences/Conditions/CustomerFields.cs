namespace Crm.Core.Audiences.Conditions;

/// <summary>The fields a condition can name: the built-in ones with their kinds, and custom.&lt;name&gt;.</summary>
public static class CustomerFields
{
    public const string CustomPrefix = "custom.";
    public const string RewardPoints = "rewardPoints";

    private static readonly Dictionary<string, (ValueKind Kind, Func<Customer, object?> Read)> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["phone"] = (ValueKind.Text, c => c.Phone),
        ["name"] = (ValueKind.Text, c => c.Name),
        ["grade"] = (ValueKind.Text, c => c.Grade),
        ["marketingConsent"] = (ValueKind.Flag, c => c.MarketingConsent),
        ["marketingConsentAt"] = (ValueKind.Date, c => c.MarketingConsentAt),
        ["nightAdConsent"] = (ValueKind.Flag, c => c.NightAdConsent),
        ["kakaoReachable"] = (ValueKind.Flag, c => c.KakaoReachable),
        ["appPushReachable"] = (ValueKind.Flag, c => c.AppPushReachable),
        ["whatsAppReachable"] = (ValueKind.Flag, c => c.WhatsAppReachable),
        ["lastOrderAt"] = (ValueKind.Date, c => c.LastOrderAt),
        ["totalSpent"] = (ValueKind.Number, c => c.TotalSpent),
        [RewardPoints] = (ValueKind.Number, c => c.RewardPoints),
    };

    public static IEnumerable<string> Names => BuiltIn.Keys;

    /// <summary>The field's kind when it is built in; null for a custom field (its kind is per value).</summary>
    public static ValueKind? KindOf(string field, int position)
    {
        if (BuiltIn.TryGetValue(field, out var known))
        {
            return known.Kind;
        }

        if (field.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase) && field.Length > CustomPrefix.Length)
        {
            return null;
        }

        throw new ConditionParseException(position, $"Unknown field '{field}'; use one of {string.Join(", ", BuiltIn.Keys)} or custom.<name>.");
    }

    public static ConditionValue? Read(Customer customer, string field)
    {
        object? value = BuiltIn.TryGetValue(field, out var known)
            ? known.Read(customer)
            : customer.Custom.TryGetValue(field[CustomPrefix.Length..], out var custom) ? custom.Value : null;
        return value is null ? null : ConditionValue.Of(value);
    }
}
