namespace Crm.Core.Rewards;

/// <summary>
/// Customers' points are kept in 4,096 buckets per tenant by a stable hash of the phone, so expiry
/// and D-3 selection read and write a bucket of accounts at a time, never one customer at a time.
/// The hash is the customer store's FNV-1a: a customer's bucket there is this number modulo 1,024.
/// </summary>
public static class PointsBuckets
{
    public const int Count = 4096;

    /// <summary>How many buckets a run over a whole tenant reads at once.</summary>
    public const int Concurrency = 16;

    public static int Of(string phone)
    {
        var hash = 2166136261u;
        foreach (var c in phone)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
