using System.Diagnostics;
using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Rewards;
using Crm.Core.Tenants;
using Crm.Storage.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// Issue 6: N customers with 3 grants each (one expiring before the run, one between the D-3 day
/// and the run, one later); times the D-3 selection and the expiry run and counts storage requests.
/// Most accounts are written straight into their buckets (the grant API at a million customers
/// would take hours on Azurite); the first 1,000 customers get their grants through the API, to
/// measure a grant's cost against full-size buckets.
/// </summary>
internal static class PointsBenchmark
{
    private const int ThroughApi = 1_000;

    public static async Task RunAsync(int customers)
    {
        var kst = TimeSpan.FromHours(9);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 10, 0, 0, kst));
        await using var storage = await BenchmarkStorage.StartAsync(time);
        var services = storage.Services;
        var counter = storage.Counter;
        const string tenant = "bench";
        await services.GetRequiredService<ITenantStore>().SaveAsync(
            new Tenant { TenantId = tenant, Name = "Benchmark", SenderNumbers = new HashSet<string> { "0212345678" }, KakaoChannelId = "@bench" }, CancellationToken.None);
        await services.GetRequiredService<PointsPolicyService>().SaveAsync(
            tenant, new PointsPolicySettings(365, new DateOnly(2026, 12, 1), ExpiryCycle.Monthly, 600, ExpiryNotices: true, ExpiryNoticeTemplate: "POINTS_EXPIRY"), CancellationToken.None);

        var seed = Stopwatch.StartNew();
        var customerStore = services.GetRequiredService<ICustomerStore>();
        for (var start = 0; start < customers; start += 100_000)
        {
            await customerStore.UpsertAsync(tenant, [.. Enumerable.Range(start, Math.Min(100_000, customers - start)).Select(i => new Customer { Phone = Phone(i), Name = $"고객{i}" })], CancellationToken.None);
        }

        var granted = time.GetUtcNow();
        var buckets = Enumerable.Range(Math.Min(ThroughApi, customers), Math.Max(0, customers - ThroughApi))
            .Select(i => Account(tenant, i, granted, kst))
            .GroupBy(a => PointsBuckets.Of(a.Phone))
            .Select(g => new PointsBucket(tenant, g.Key, [.. g], null))
            .ToList();
        var store = services.GetRequiredService<IPointsStore>();
        await Parallel.ForEachAsync(buckets, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (bucket, ct) => await store.TrySaveAsync(bucket, ct));
        seed.Stop();
        Console.WriteLine($"Seeded {customers:N0} customers and {buckets.Count:N0} points buckets in {seed.Elapsed.TotalSeconds:F1} s");
        var largest = buckets.MaxBy(b => b.Accounts.Count)!;
        var stored = await services.GetRequiredService<StorageClients>().Tables.GetTableClient(TableNames.Points)
            .GetEntityAsync<Azure.Data.Tables.TableEntity>($"{tenant}_{largest.Number:D4}", "a");
        Console.WriteLine($"Largest points bucket: {largest.Accounts.Count:N0} accounts in {((IDictionary<string, object>)stored.Value).Values.OfType<byte[]>().Sum(b => b.Length):N0} bytes of gzip'd JSON (what a grant rewrites)");

        counter.Reset();
        var points = services.GetRequiredService<PointsService>();
        var api = Stopwatch.StartNew();
        await Parallel.ForAsync(0, Math.Min(ThroughApi, customers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            foreach (var (id, amount, reason, expires) in Grants(i, kst))
            {
                await points.GrantAsync(tenant, Phone(i), new PointsChange($"{id}{i}", amount, reason, ExpiresAt: expires), ct);
            }
        });
        api.Stop();
        var grants = 3 * Math.Min(ThroughApi, customers);
        Console.WriteLine($"Grant API: {grants:N0} grants in {api.Elapsed.TotalSeconds:F1} s, {counter.Total * 1.0 / grants:F2} storage requests per grant");
        Breakdown(counter);

        counter.Reset();
        time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 10, 0, 0, kst));
        var notice = Stopwatch.StartNew();
        var notified = await services.GetRequiredService<PointsExpiryNotifier>().NotifyTenantAsync(tenant, CancellationToken.None);
        notice.Stop();
        Report("D-3 selection + notice campaign", customers, notice.Elapsed, counter);
        Console.WriteLine($"  {notified:N0} customers reach the 600-point threshold");

        counter.Reset();
        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 10, 0, kst));
        var expiry = Stopwatch.StartNew();
        await services.GetRequiredService<PointsExpiryRunner>().RunTenantAsync(tenant, CancellationToken.None);
        expiry.Stop();
        Report("Expiry run", customers, expiry.Elapsed, counter);

        counter.Reset();
        var again = Stopwatch.StartNew();
        await services.GetRequiredService<PointsExpiryRunner>().RunTenantAsync(tenant, CancellationToken.None);
        again.Stop();
        Report("Expiry run again the same day", customers, again.Elapsed, counter);
        Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB");
    }

    private static string Phone(int i) => $"010{i:D8}";

    private static IEnumerable<(string Id, long Amount, PointsReason Reason, DateTimeOffset ExpiresAt)> Grants(int i, TimeSpan kst) =>
    [
        ("a", 300 + (i % 2 * 400), PointsReason.Purchase, new DateTimeOffset(2026, 11, 20, 0, 0, 0, kst)),
        ("b", 200, PointsReason.Event, new DateTimeOffset(2026, 11, 30, 12, 0, 0, kst)),
        ("c", 1000, PointsReason.Review, new DateTimeOffset(2027, 6, 1, 0, 0, 0, kst)),
    ];

    // The account three grants through the API would leave (ledger rows aside).
    private static PointsAccount Account(string tenant, int i, DateTimeOffset granted, TimeSpan kst)
    {
        var grants = Grants(i, kst).Select(g => new PointsGrant($"{g.Id}{i}", g.Amount, g.Amount, g.Reason, granted, g.ExpiresAt)).ToList();
        return new PointsAccount(tenant, Phone(i), grants.Sum(g => g.Amount), grants.Count, grants, []);
    }

    private static void Report(string what, int customers, TimeSpan elapsed, RequestCounter counter)
    {
        Console.WriteLine($"{what}: {elapsed.TotalSeconds:F1} s ({customers / Math.Max(elapsed.TotalSeconds, 0.001):N0} customers/s), {counter.Total:N0} storage requests ({counter.Total * 1000.0 / customers:F1} per 1,000 customers)");
        Breakdown(counter);
    }

    private static void Breakdown(RequestCounter counter)
    {
        foreach (var (operation, count) in counter.ByOperation.Where(o => o.Value > 0))
        {
            Console.WriteLine($"    {operation,-36} {count,9:N0}");
        }
    }
}
