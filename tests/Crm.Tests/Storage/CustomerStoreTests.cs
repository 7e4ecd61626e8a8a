using Crm.Core.Audiences;
using Crm.Storage.Audiences;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Storage;

public sealed class CustomerStoreTests(AzuriteFixture azurite)
{
    private static Customer Person(int i) => new()
    {
        Phone = $"010{i:D8}",
        Name = $"고객{i}",
        Grade = i % 10 == 0 ? "VIP" : "BASIC",
        MarketingConsent = i % 2 == 0,
        TotalSpent = i * 1000,
        Custom = new Dictionary<string, CustomValue> { ["level"] = new(Number: i % 5) },
    };

    [Fact]
    public async Task Many_customers_by_phone_cost_a_read_per_bucket_when_few_and_one_scan_when_many()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var store = new TableCustomerStore(clients);
        var tenant = Ids.Tenant();
        await store.UpsertAsync(tenant, Enumerable.Range(0, 5_000).Select(Person).ToList(), ct);

        clients.Counter.Reset();
        var few = await store.GetManyAsync(tenant, ["01000000007", "01000000042", "01099999999"], ct);
        Assert.Equal(["01000000007", "01000000042"], few.Select(c => c.Phone).Order());
        Assert.Equal(new[] { "01000000007", "01000000042", "01099999999" }.Select(TableCustomerStore.BucketOf).Distinct().Count(), clients.Counter.Total);

        clients.Counter.Reset();
        var many = await store.GetManyAsync(tenant, Enumerable.Range(0, 3_000).Select(i => Person(i).Phone).ToList(), ct);
        Assert.Equal(3_000, many.Count);
        Assert.Equal("고객2999", many.Single(c => c.Phone == "01000002999").Name);
        Assert.InRange(clients.Counter.Total, 1, 2);
    }

    [Fact]
    public async Task Twenty_thousand_customers_are_written_in_bucket_transactions_and_scanned_in_a_few_pages()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var store = new TableCustomerStore(clients);
        var tenant = Ids.Tenant();

        await store.UpsertAsync(tenant, Enumerable.Range(0, 20_000).Select(Person).ToList(), ct);
        var writeRequests = clients.Counter.Total;
        clients.Counter.Reset();
        var scanned = await store.ScanAsync(tenant, ct).ToListAsync(ct);
        var scanRequests = clients.Counter.Total;

        Assert.Equal(20_000, scanned.Count);
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => $"010{i:D8}").Order(), scanned.Select(c => c.Phone).Order());
        Assert.Equal(3, scanned.Single(c => c.Phone == "01000012343").Custom["level"].Number);
        Assert.InRange(writeRequests, 1, 1 + 11);   // one scan of an empty partition + ≤11 transactions of 100 buckets
        Assert.InRange(scanRequests, 1, 5);
    }

    [Fact]
    public async Task Single_changes_and_erasure_touch_one_bucket()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var store = new TableCustomerStore(clients);
        var tenant = Ids.Tenant();
        await store.UpsertAsync(tenant, Enumerable.Range(0, 50).Select(Person).ToList(), ct);

        clients.Counter.Reset();
        await store.UpsertAsync(tenant, [Person(7) with { Grade = "VIP" }], ct);
        Assert.Equal(2, clients.Counter.Total);
        Assert.Equal("VIP", (await store.GetAsync(tenant, "01000000007", ct))!.Grade);

        Assert.True(await store.DeleteAsync(tenant, "01000000007", ct));
        Assert.False(await store.DeleteAsync(tenant, "01000000007", ct));
        Assert.Null(await store.GetAsync(tenant, "01000000007", ct));
        Assert.Equal(49, await store.ScanAsync(tenant, ct).CountAsync(ct));
    }

    [Fact]
    public async Task Concurrent_upserts_into_the_same_buckets_lose_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new TableCustomerStore(azurite.NewClients());
        var tenant = Ids.Tenant();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(w => store.UpsertAsync(tenant, Enumerable.Range(w * 300, 300).Select(Person).ToList(), ct)));

        Assert.Equal(3000, await store.ScanAsync(tenant, ct).CountAsync(ct));
    }
}
