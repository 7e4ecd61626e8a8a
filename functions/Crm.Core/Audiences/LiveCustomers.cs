using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Crm.Core.Rewards;

namespace Crm.Core.Audiences;

/// <summary>
/// Customers as conditions, campaigns and the API see them: the stored record with its points
/// balance from the points ledger (R1), which the customer store does not hold. Scans read balances
/// only when asked to, and then only the points buckets of the customers scanned, each once: a
/// 3-customer tenant costs 3 reads, a million customers the 4,096 buckets.
/// </summary>
public sealed class LiveCustomers(ICustomerStore customers, IPointsStore points)
{
    // Customers wait until this many unread points buckets are wanted (or this many customers
    // wait), then those buckets are read 16 at a time: enough to keep the reads in parallel, few
    // enough to hold some 64,000 customers at a million.
    private const int ReadAhead = 256;
    private const int MaxWaiting = 65_536;

    public async Task<Customer?> GetAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        var customer = await customers.GetAsync(tenantId, phone, cancellationToken);
        return customer is null
            ? null
            : customer with { RewardPoints = (await points.GetAsync(tenantId, PointsBuckets.Of(phone), cancellationToken)).Account(phone).Balance };
    }

    public async IAsyncEnumerable<Customer> ScanAsync(string tenantId, bool withRewardPoints, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!withRewardPoints)
        {
            await foreach (var customer in customers.ScanAsync(tenantId, cancellationToken))
            {
                yield return customer;
            }

            yield break;
        }

        var balances = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var read = new HashSet<int>();
        var wanted = new HashSet<int>();
        var waiting = new List<Customer>();
        await foreach (var customer in customers.ScanAsync(tenantId, cancellationToken))
        {
            var bucket = PointsBuckets.Of(customer.Phone);
            if (!read.Contains(bucket))
            {
                wanted.Add(bucket);
            }

            waiting.Add(customer);
            if (wanted.Count < ReadAhead && waiting.Count < MaxWaiting)
            {
                continue;
            }

            await ReadAsync(tenantId, wanted, read, balances, cancellationToken);
            foreach (var ready in waiting)
            {
                yield return ready with { RewardPoints = balances.GetValueOrDefault(ready.Phone) };
            }

            waiting.Clear();
        }

        await ReadAsync(tenantId, wanted, read, balances, cancellationToken);
        foreach (var ready in waiting)
        {
            yield return ready with { RewardPoints = balances.GetValueOrDefault(ready.Phone) };
        }
    }

    private async Task ReadAsync(string tenantId, HashSet<int> wanted, HashSet<int> read, ConcurrentDictionary<string, long> balances, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(wanted, new ParallelOptions { MaxDegreeOfParallelism = PointsBuckets.Concurrency, CancellationToken = cancellationToken }, async (number, ct) =>
        {
            foreach (var account in (await points.GetAsync(tenantId, number, ct)).Accounts)
            {
                balances[account.Phone] = account.Balance;
            }
        });

        read.UnionWith(wanted);
        wanted.Clear();
    }
}
