using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Crm.Core.Rewards;

namespace Crm.Core.Audiences;

/// <summary>
/// Customers as conditions, campaigns and the API see them: the stored record with its points
/// balance from the points ledger (R1), which the customer store does not hold. The balances of a
/// whole tenant cost one read of each points bucket, so scans read them only when asked to.
/// </summary>
public sealed class LiveCustomers(ICustomerStore customers, IPointsStore points)
{
    public async Task<Customer?> GetAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        var customer = await customers.GetAsync(tenantId, phone, cancellationToken);
        return customer is null
            ? null
            : customer with { RewardPoints = (await points.GetAsync(tenantId, PointsBuckets.Of(phone), cancellationToken)).Account(phone).Balance };
    }

    public async IAsyncEnumerable<Customer> ScanAsync(string tenantId, bool withRewardPoints, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var balances = withRewardPoints ? await BalancesAsync(tenantId, cancellationToken) : null;
        await foreach (var customer in customers.ScanAsync(tenantId, cancellationToken))
        {
            yield return balances is null ? customer : customer with { RewardPoints = balances.GetValueOrDefault(customer.Phone) };
        }
    }

    private async Task<ConcurrentDictionary<string, long>> BalancesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var balances = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await PointsBuckets.ForEachAccountAsync(points, tenantId, account => balances[account.Phone] = account.Balance, cancellationToken);

        return balances;
    }
}
