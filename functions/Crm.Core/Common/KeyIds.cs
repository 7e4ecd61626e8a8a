namespace Crm.Core.Common;

/// <summary>
/// The one check for ids that become (part of) a Table Storage partition or row key. Storage
/// refuses / \ # ? and control characters in keys and keys over 1 KiB; ids also go into composite
/// keys ("{tenantId}_{groupId}"), provider references, URLs and logs. So ids are checked against an
/// allowlist where they come in, in two shapes:
/// <list type="bullet">
/// <item>names, the ids of tenants and groups: <see cref="NameRule"/>;</item>
/// <item>references from the caller's own systems, operation ids and Idempotency-Key:
/// <see cref="ReferenceRule"/> (RFC 3986's unreserved characters), and campaign ids in URLs.</item>
/// </list>
/// Phone and 080 line numbers become keys only as normalised digits (<see cref="PhoneNumber"/>).
/// </summary>
public static class KeyIds
{
    public const int MaxNameLength = 40;
    public const int MaxReferenceLength = 100;
    public const string NameRule = "3–40 lowercase letters, digits and dashes, starting and ending with a letter or digit";
    public const string ReferenceRule = "1–100 characters: letters A–Z and a–z, digits and - . _ ~";

    public static bool IsName(string? id) =>
        id is { Length: >= 3 and <= MaxNameLength }
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && id[0] != '-' && id[^1] != '-';

    public static bool IsReference(string? id) =>
        id is { Length: >= 1 and <= MaxReferenceLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>The id, or a 400 naming <paramref name="field"/>.</summary>
    public static string RequireName(string field, string? id) =>
        IsName(id) ? id! : throw new CrmValidationException(field, $"{NameRule}.");

    /// <summary>The id, or a 400 naming <paramref name="field"/>.</summary>
    public static string RequireReference(string field, string? id) =>
        IsReference(id) ? id! : throw new CrmValidationException(field, $"{ReferenceRule}.");

    /// <summary>Adds a problem naming <paramref name="field"/> unless <paramref name="id"/> is a name; <paramref name="purpose"/> says what it is.</summary>
    public static void CheckName(ValidationErrors errors, string field, string? id, string purpose)
    {
        if (!IsName(id))
        {
            errors.Add(field, $"{purpose}: {NameRule}.");
        }
    }

    /// <summary>Adds a problem naming <paramref name="field"/> unless <paramref name="id"/> is a reference; <paramref name="purpose"/> says what it is.</summary>
    public static void CheckReference(ValidationErrors errors, string field, string? id, string purpose)
    {
        if (!IsReference(id))
        {
            errors.Add(field, $"{purpose}: {ReferenceRule}.");
        }
    }
}
