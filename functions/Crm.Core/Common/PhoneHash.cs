namespace Crm.Core.Common;

/// <summary>
/// FNV-1a of a phone: stable across processes and releases, unlike string.GetHashCode. Customer and
/// points buckets both derive from it, so a customer bucket's phones are those of a fixed set of
/// points buckets.
/// </summary>
public static class PhoneHash
{
    public static uint Of(string phone)
    {
        var hash = 2166136261u;
        foreach (var c in phone)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
