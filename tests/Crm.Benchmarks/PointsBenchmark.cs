using System.Diagnostics;
using Crm.Core.Campaigns;
using Crm.Core.Rewards;
using Crm.Core.Tenants;
using Crm.Storage.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

/// <summary>
/// Issue 6: N customers with 3 grants each (one expiring before the run, one between the D-3 day
/// and the run, one later); times the D-3 selection and the expiry run and counts storage requests.
/// </summary>
internal static class PointsBenchmark
{
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
            tenant, new PointsPolicySettings(365, new DateOnly(2026, 12, 1), ExpiryCycle.Monthly, 500, ExpiryNotices: true, ExpiryNoticeTemplate: "POINTS_EXPIRY"), CancellationToken.None);

        var points = services.GetRequiredService<PointsService>();
        var seed = Stopwatch.StartNew();
        await Parallel.ForAsync(0, customers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var phone = $"010{i:D8}";
            await points.GrantAsync(tenant, phone, new PointsChange($"a{i}", 300 + (i % 2 * 400), PointsReason.Purchase, ExpiresAt: new DateTimeOffset(2026, 11, 20, 0, 0, 0, kst)), ct);
            await points.GrantAsync(tenant, phone, new PointsChange($"b{i}", 200, PointsReason.Event, ExpiresAt: new DateTimeOffset(2026, 11, 30, 12, 0, 0, kst)), ct);
            await points.GrantAsync(tenant, phone, new PointsChange($"c{i}", 1000, PointsReason.Review, ExpiresAt: new DateTimeOffset(2027, 6, 1, 0, 0, 0, kst)), ct);
        });
        seed.Stop();
        Console.WriteLine($"Seeded {customers:N0} customers x 3 grants in {seed.Elapsed.TotalSeconds:F1} s: {counter.Total * 1000.0 / customers:F1} storage requests per 1,000 customers ({counter.Total * 1000.0 / (3.0 * customers):F1} per 1,000 grants)");

        counter.Reset();
        time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 10, 0, 0, kst));
        var notice = Stopwatch.StartNew();
        var notified = await services.GetRequiredService<PointsExpiryNotifier>().RunAsync(CancellationToken.None);
        notice.Stop();
        Report("D-3 selection + notice campaign", customers, notice.Elapsed, counter);
        Console.WriteLine($"  {notified:N0} customers reach the 500-point threshold");

        counter.Reset();
        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 10, 0, kst));
        var expiry = Stopwatch.StartNew();
        await services.GetRequiredService<PointsExpiryRunner>().RunAsync(CancellationToken.None);
        expiry.Stop();
        Report("Expiry run", customers, expiry.Elapsed, counter);

        counter.Reset();
        var again = Stopwatch.StartNew();
        await services.GetRequiredService<PointsExpiryRunner>().RunAsync(CancellationToken.None);
        again.Stop();
        Report("Expiry run again the same day", customers, again.Elapsed, counter);
        Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB");
    }

    private static void Report(string what, int customers, TimeSpan elapsed, RequestCounter counter)
    {
        Console.WriteLine($"{what}: {elapsed.TotalSeconds:F1} s ({customers / Math.Max(elapsed.TotalSeconds, 0.001):N0} customers/s), {counter.Total:N0} storage requests ({counter.Total * 1000.0 / customers:F1} per 1,000 customers)");
        foreach (var (operation, count) in counter.ByOperation.Where(o => o.Value > 0))
        {
            Console.WriteLine($"    {operation,-36} {count,9:N0}");
        }
    }
}
