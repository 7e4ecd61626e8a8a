using System.Diagnostics;
using Crm.Core.Audiences;
using Crm.Core.Tenants;
using Microsoft.Extensions.DependencyInjection;

// Group extraction benchmark (issue 4): loads N customers into a fresh in-memory Azurite, defines
// 10 groups, and times one extraction of all of them. Prints customers/s, storage requests per
// 1,000 customers, and peak memory. Usage: dotnet run -c Release --project tests/Crm.Benchmarks [N]
// "points [N]" runs the points expiry benchmark instead (issue 6); "delivery [N]" the delivery
// workflow on Crm.Local's Durable engine (issue 15).
if (args.FirstOrDefault() == "delivery")
{
    await DeliveryBenchmark.RunAsync(args.Length > 1 && int.TryParse(args[1].Replace("_", string.Empty), out var recipients) ? recipients : 100_000);
    return;
}

if (args.FirstOrDefault() == "points")
{
    await PointsBenchmark.RunAsync(args.Length > 1 && int.TryParse(args[1].Replace("_", string.Empty), out var customers) ? customers : 20_000);
    return;
}

var count = args.Length > 0 && int.TryParse(args[0].Replace("_", string.Empty), out var n) ? n : 100_000;
await using var storage = await BenchmarkStorage.StartAsync();
var services = storage.Services;
var counter = storage.Counter;

const string tenant = "bench";
await services.GetRequiredService<ITenantStore>().SaveAsync(new Tenant { TenantId = tenant, Name = "Benchmark" }, CancellationToken.None);
var grades = new[] { "BASIC", "SILVER", "GOLD", "VIP" };
var now = DateTimeOffset.UtcNow;
Customer Make(int i) => new()
{
    Phone = $"010{i:D8}",
    Name = $"고객{i}",
    Grade = grades[i % grades.Length],
    MarketingConsent = i % 3 != 0,
    NightAdConsent = i % 7 == 0,
    KakaoReachable = i % 5 != 0,
    LastOrderAt = now.AddDays(-(i % 365)),
    TotalSpent = i % 2_000_000,
    Custom = new Dictionary<string, CustomValue> { ["level"] = new(Number: i % 10), ["hasCard"] = new(Flag: i % 2 == 0) },
};

var load = Stopwatch.StartNew();
var store = services.GetRequiredService<ICustomerStore>();
for (var start = 0; start < count; start += 100_000)
{
    await store.UpsertAsync(tenant, Enumerable.Range(start, Math.Min(100_000, count - start)).Select(Make).ToList(), CancellationToken.None);
}

load.Stop();
var loadRequests = counter.Total;
Console.WriteLine($"Loaded {count:N0} customers in {load.Elapsed.TotalSeconds:F1} s ({count / load.Elapsed.TotalSeconds:N0}/s), {loadRequests:N0} storage requests ({loadRequests * 1000.0 / count:F2} per 1,000)");

var groups = services.GetRequiredService<GroupService>();
string[] conditions =
[
    "grade = 'VIP'",
    "grade = 'VIP' and lastOrderAt >= now-90d and marketingConsent = true",
    "totalSpent >= 1000000",
    "grade in ('GOLD', 'VIP') and kakaoReachable = true",
    "not marketingConsent = true",
    "custom.level >= 7 or custom.hasCard = true",
    "name contains '99'",
    "lastOrderAt < now-300d",
    "nightAdConsent = true and grade != 'BASIC'",
    "(grade = 'SILVER' or grade = 'GOLD') and totalSpent < 500000 and lastOrderAt exists",
];
for (var i = 0; i < conditions.Length; i++)
{
    await groups.SaveAsync(tenant, $"group-{i:D2}", new GroupDefinition($"Group {i}", conditions[i]), CancellationToken.None);
}

GC.Collect();
counter.Reset();
var process = Process.GetCurrentProcess();
var extract = Stopwatch.StartNew();
var extracted = await services.GetRequiredService<GroupExtractor>().ExtractAsync(tenant, CancellationToken.None);
extract.Stop();
process.Refresh();
Console.WriteLine($"Extracted {extracted.Count} groups over {count:N0} customers in {extract.Elapsed.TotalSeconds:F2} s: {count / extract.Elapsed.TotalSeconds:N0} customers/s");
Console.WriteLine($"Storage requests: {counter.Total:N0} ({counter.Total * 1000.0 / count:F3} per 1,000 customers)");
foreach (var (operation, requests) in counter.ByOperation)
{
    Console.WriteLine($"  {operation,-32} {requests,8:N0}");
}

Console.WriteLine($"Peak working set: {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB; managed heap now {GC.GetTotalMemory(false) / 1024.0 / 1024.0:N0} MiB");
Console.WriteLine(string.Join(", ", extracted.OrderBy(g => g.GroupId).Select(g => $"{g.GroupId}: {g.MemberCount:N0}")));
