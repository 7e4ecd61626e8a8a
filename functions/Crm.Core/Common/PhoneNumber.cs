using System.Diagnostics.CodeAnalysis;

namespace Crm.Core.Common;

/// <summary>
/// Korean mobile numbers in one canonical form, national digits ("01012345678"), which is what
/// Korean sending APIs take. Accepts dashes, spaces, dots and the +82 / 82 country prefix.
/// </summary>
public static class PhoneNumber
{
    public static bool TryNormalizeMobile(string? input, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var digits = DigitsOf(input, allowLeadingPlus: true);
        if (digits is null)
        {
            return false;
        }

        if (digits.StartsWith("82", StringComparison.Ordinal) && digits.Length is 11 or 12)
        {
            digits = "0" + digits[2..];
        }

        // 010 numbers are 11 digits; the legacy 011/016/017/018/019 ranges also have 10.
        var valid = digits.StartsWith("010", StringComparison.Ordinal)
            ? digits.Length == 11
            : digits.Length is 10 or 11 && digits[..3] is "011" or "016" or "017" or "018" or "019";
        if (valid)
        {
            normalized = digits;
        }

        return valid;
    }

    /// <summary>The normalised mobile number, or a 400 naming <paramref name="field"/>.</summary>
    public static string RequireMobile(string? input, string field = "phone") =>
        TryNormalizeMobile(input, out var normalized)
            ? normalized
            : throw new CrmValidationException(field, $"'{input}' is not a Korean mobile number (e.g. 010-1234-5678).");

    /// <summary>Sender numbers may be mobiles, landlines (02-123-4567) or 15xx/16xx/18xx representative numbers.</summary>
    public static bool TryNormalizeSender(string? input, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        var digits = DigitsOf(input, allowLeadingPlus: false);
        if (digits is null || digits.Length is < 8 or > 12)
        {
            return false;
        }

        normalized = digits;
        return true;
    }

    /// <summary>A tenant's free opt-out line (G4): an 080 number of 10 or 11 digits.</summary>
    public static bool TryNormalizeOptOutLine(string? input, [NotNullWhen(true)] out string? normalized)
    {
        var digits = DigitsOf(input, allowLeadingPlus: false);
        normalized = digits is { Length: 10 or 11 } && digits.StartsWith("080", StringComparison.Ordinal) ? digits : null;
        return normalized is not null;
    }

    /// <summary>For logs: 010-****-5678. Never log a number any other way.</summary>
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone) || phone.Length < 7)
        {
            return "***";
        }

        return $"{phone[..3]}-****-{phone[^4..]}";
    }

    private static string? DigitsOf(string? input, bool allowLeadingPlus)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var span = input.AsSpan().Trim();
        if (allowLeadingPlus && span.StartsWith("+"))
        {
            span = span[1..];
        }

        Span<char> buffer = stackalloc char[span.Length];
        var length = 0;
        foreach (var c in span)
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
            }
            else if (c is not ('-' or ' ' or '.' or '(' or ')'))
            {
                return null;
            }
        }

        return length == 0 ? null : new string(buffer[..length]);
    }
}
