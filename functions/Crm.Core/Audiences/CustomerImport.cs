using System.Globalization;
using System.Text.Json;
using Crm.Core.Common;

namespace Crm.Core.Audiences;

/// <summary>Turns API records into customers, naming each bad row by its 1-based number.</summary>
public static class CustomerImport
{
    public const int MaxPerRequest = 100_000;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    public static IReadOnlyList<Customer> Validate(IReadOnlyList<CustomerRecord?> records, TimeZoneInfo zone)
    {
        var errors = new ValidationErrors();
        if (records.Count == 0)
        {
            errors.Add("customers", "At least one customer is required.");
        }
        else if (records.Count > MaxPerRequest)
        {
            errors.Add("customers", $"At most {MaxPerRequest:N0} customers per request; {records.Count:N0} were sent.");
        }

        errors.ThrowIfAny();
        var customers = new Dictionary<string, Customer>(records.Count, StringComparer.Ordinal);
        var bad = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var problem = TryConvert(records[i], zone, out var customer);
            if (problem is not null)
            {
                if (bad++ < 20)
                {
                    errors.Add($"row {i + 1}", problem);
                }

                continue;
            }

            customers[customer!.Phone] = customer; // the same phone twice: the later row wins
        }

        if (bad > 20)
        {
            errors.Add("customers", $"{bad - 20} more rows have errors.");
        }

        errors.ThrowIfAny();
        return customers.Values.ToList();
    }

    private static string? TryConvert(CustomerRecord? r, TimeZoneInfo zone, out Customer? customer)
    {
        customer = null;
        if (r is null)
        {
            return "A customer object is required.";
        }

        if (!PhoneNumber.TryNormalizeMobile(r.Phone, out var phone))
        {
            return $"phone: '{r.Phone}' is not a Korean mobile number (e.g. 010-1234-5678).";
        }

        if (ConvertCustom(r.Custom, zone, out var custom) is { } customError)
        {
            return customError;
        }

        customer = new Customer
        {
            Phone = phone,
            Name = r.Name,
            Grade = r.Grade,
            MarketingConsent = r.MarketingConsent ?? false,
            MarketingConsentAt = r.MarketingConsentAt,
            NightAdConsent = r.NightAdConsent ?? false,
            KakaoReachable = r.KakaoReachable ?? false,
            AppPushReachable = r.AppPushReachable ?? false,
            WhatsAppReachable = r.WhatsAppReachable ?? false,
            LastOrderAt = r.LastOrderAt,
            TotalSpent = r.TotalSpent ?? 0,
            Custom = custom,
        };
        return null;
    }

    /// <summary>Custom fields as customers and cohort people (B3) take them: text, number, true/false or a date string; the error names the field.</summary>
    public static string? ConvertCustom(IReadOnlyDictionary<string, JsonElement>? raw, TimeZoneInfo zone, out Dictionary<string, CustomValue> custom)
    {
        custom = new Dictionary<string, CustomValue>(StringComparer.Ordinal);
        foreach (var (name, value) in raw ?? new Dictionary<string, JsonElement>())
        {
            if (name.Length is 0 or > 40 || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                return $"custom.{name}: custom field names are 1–40 letters, digits or _.";
            }

            CustomValue? converted = value.ValueKind switch
            {
                JsonValueKind.String when TryDate(value.GetString()!, zone, out var date) => new CustomValue(Date: date),
                JsonValueKind.String => new CustomValue(Text: value.GetString()),
                JsonValueKind.Number => new CustomValue(Number: value.GetDecimal()),
                JsonValueKind.True or JsonValueKind.False => new CustomValue(Flag: value.GetBoolean()),
                _ => null,
            };
            if (converted is null)
            {
                return $"custom.{name}: a text, number, true/false or date, not {value.ValueKind.ToString().ToLowerInvariant()}.";
            }

            custom[name] = converted;
        }

        return null;
    }

    // A bare date is midnight in the tenant's zone, as in group conditions.
    private static bool TryDate(string text, TimeZoneInfo zone, out DateTimeOffset date)
    {
        date = default;
        if (text.Length < 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        if (text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = new DateTimeOffset(day, zone.GetUtcOffset(day));
            return true;
        }

        return DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
