using Crm.Core.Common;

namespace Crm.Core.Rewards;

/// <summary>
/// Customers' points are kept in 4,096 buckets per tenant by a stable hash of the phone, so expiry
/// and D-3 selection read and write a bucket of accounts at a time, never one customer at a time.
/// The hash is <see cref="PhoneHash"/>, as for customer buckets.
/// </summary>
public static class PointsBuckets
{
    public const int Count = 4096;

    /// <summary>How many buckets a run over a whole tenant reads at once.</summary>
    public const int Concurrency = 16;

    /// <summary>Runs <paramref name="body"/> for every bucket number, <see cref="Concurrency"/> at a time.</summary>
    public static Task ForEachAsync(Func<int, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForAsync(0, Count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, body);

    /// <summary>Shows <paramref name="visit"/> every account of the tenant, one read per bucket; it runs on several threads at once.</summary>
    public static Task ForEachAccountAsync(IPointsStore points, string tenantId, Action<PointsAccount> visit, CancellationToken cancellationToken) =>
        ForEachAsync(async (number, ct) =>
        {
            foreach (var account in (await points.GetAsync(tenantId, number, ct)).Accounts)
            {
                visit(account);
            }
        }, cancellationToken);

    public static int Of(string phone) => (int)(PhoneHash.Of(phone) % Count);
}
