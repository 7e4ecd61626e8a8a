namespace Crm.Core.Tenants;

/// <summary>Tenant ids are storage keys and URL segments: lowercase letters, digits and dashes, 3–40 long.</summary>
public static class TenantId
{
    public static bool IsValid(string? id) =>
        id is { Length: >= 3 and <= 40 }
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && id[0] != '-' && id[^1] != '-';
}
