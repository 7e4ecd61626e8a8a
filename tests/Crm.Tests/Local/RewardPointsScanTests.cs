using Crm.Core.Audiences;
using Crm.Core.Rewards;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>
/// A condition on rewardPoints reads the points buckets of the customers it evaluates, each once,
/// not the tenant's 4,096: counted in storage requests, not timed.
/// </summary>
public sealed class RewardPointsScanTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static string Phone(int i) => $"010{610_000 + i:D8}";

    private static long PointsRequests(RequestCounter counter) =>
        counter.ByOperation.Where(o => o.Key.EndsWith($"/{TableNames.Points}", StringComparison.Ordinal)).Sum(o => o.Value);

    private void Print(string title, RequestCounter counter)
    {
        output.WriteLine($"{title}: {counter.Total} storage requests");
        foreach (var (operation, count) in counter.ByOperation.Where(o => o.Value > 0))
        {
            output.WriteLine($"  {operation,-40} {count,6}");
        }
    }

    [Fact]
    public async Task A_rewardPoints_preview_of_a_3_customer_tenant_costs_a_handful_of_storage_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [.. Enumerable.Range(1, 3).Select(i => new Customer { Phone = Phone(i) })], ct);
        var points = services.GetRequiredService<PointsService>();
        await points.GrantAsync(tenant, Phone(1), new PointsChange("order-1", 5000, PointsReason.Purchase), ct);
        await points.GrantAsync(tenant, Phone(2), new PointsChange("order-2", 300, PointsReason.Purchase), ct);
        var groups = services.GetRequiredService<GroupService>();
        var counter = services.GetRequiredService<RequestCounter>();

        counter.Reset();
        var preview = await groups.PreviewAsync(tenant, "rewardPoints >= 300", ct);
        Print("Preview", counter);

        Assert.Equal(2, preview.Count);
        Assert.Equal([(Phone(1), 5000L), (Phone(2), 300L)], preview.FirstMembers.Select(m => (m.Phone, m.RewardPoints)).Order());
        // The tenant, one page of customers, and one points bucket per customer.
        Assert.Equal(3, PointsRequests(counter));
        Assert.InRange(counter.Total, 1, 8);

        await groups.SaveAsync(tenant, "loyal", new GroupDefinition("Loyal", "rewardPoints >= 1000"), ct);
        counter.Reset();
        Assert.Equal(1, Assert.Single(await groups.ExtractAsync(tenant, ct)).MemberCount);
        Print("Extraction", counter);
        Assert.Equal(3, PointsRequests(counter));
    }

    [Fact]
    public async Task Balances_are_right_when_the_points_buckets_are_read_in_several_rounds_each_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        const int Customers = 320;
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [.. Enumerable.Range(0, Customers).Select(i => new Customer { Phone = Phone(i) })], ct);

        // Balances written straight into their buckets (as the points benchmark seeds them); every
        // customer has one, and so do as many people who are not customers.
        var now = DateTimeOffset.UtcNow;
        var store = services.GetRequiredService<IPointsStore>();
        var buckets = Enumerable.Range(0, 2 * Customers)
            .Select(i => PointsAccount.Empty(tenant, Phone(i)) with { Balance = i, Grants = [new PointsGrant($"g{i}", i, i, PointsReason.Purchase, now, now.AddDays(30))] })
            .GroupBy(a => PointsBuckets.Of(a.Phone))
            .Select(g => new PointsBucket(tenant, g.Key, [.. g], null))
            .ToList();
        await Parallel.ForEachAsync(buckets, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (bucket, token) => Assert.True(await store.TrySaveAsync(bucket, token)));
        var counter = services.GetRequiredService<RequestCounter>();

        counter.Reset();
        var scanned = await services.GetRequiredService<LiveCustomers>().ScanAsync(tenant, withRewardPoints: true, ct).ToListAsync(ct);

        Assert.Equal(Enumerable.Range(0, Customers).Select(i => (Phone(i), (long)i)), scanned.Select(c => (c.Phone, c.RewardPoints)).Order());
        var customerBuckets = Enumerable.Range(0, Customers).Select(i => PointsBuckets.Of(Phone(i))).Distinct().Count();
        Assert.True(customerBuckets > 256, "enough buckets for several rounds of reads");
        Assert.Equal(customerBuckets, PointsRequests(counter));
        Assert.Equal(Customers - 160, (await services.GetRequiredService<GroupService>().PreviewAsync(tenant, "rewardPoints >= 160", ct)).Count);
    }
}
