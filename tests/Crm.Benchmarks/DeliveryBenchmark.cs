using System.Diagnostics;
using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Core.Tenants;
using Crm.Local.Durable;
using Crm.Storage.Campaigns;
using Crm.Storage.Clients;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The delivery workflow on Crm.Local's engine (the Durable Task Framework on an in-memory Azurite,
/// host.json's task hub settings, the sandbox provider reporting each message 1 s after the send,
/// read every second as no webhook runs in-process): time from engine start to the first finished
/// orchestration, per-batch latency on an idle engine (send, report, complete), throughput and
/// storage requests per 1,000 recipients for one campaign of N (the framework's own tables, queues
/// and polls counted), and what an idle task hub costs in polls.
/// Usage: dotnet run -c Release --project tests/Crm.Benchmarks delivery [N]
/// </summary>
internal static class DeliveryBenchmark
{
    private const string Tenant = "bench";

    public static async Task RunAsync(int recipients)
    {
        await using var storage = await BenchmarkStorage.StartAsync(durable: true, settings: name => name switch
        {
            SettingNames.SandboxReportDelay => "00:00:01",
            SettingNames.DeliveryReportsPollInterval => "00:00:01",
            _ => null,
        });
        var services = storage.Services;
        var counter = storage.Counter;
        var engine = services.GetRequiredService<DurableEngine>();
        var watcher = new TableCampaignStore(new StorageClients(new StorageOptions { ConnectionString = storage.ConnectionString }, new RequestCounter()));
        await services.GetRequiredService<ITenantStore>().SaveAsync(new Tenant { TenantId = Tenant, Name = "Benchmark", SenderNumbers = new HashSet<string> { "0212345678" } }, CancellationToken.None);
        await services.GetRequiredService<WalletService>().AdjustAsync(Tenant, "seed", 10_000_000, "benchmark credits", CancellationToken.None);
        Console.WriteLine($"Task hub {engine.Options.HubName}: {engine.Options.PartitionCount} partitions, polling up to {engine.Options.MaxQueuePollingInterval.TotalSeconds:F1} s, visibility {engine.Options.WorkItemQueueVisibilityTimeout.TotalSeconds:F0} s");

        // 1. From engine start to the first finished orchestration (one recipient).
        var first = await PrepareAsync(services, 1);
        var clock = Stopwatch.StartNew();
        await engine.StartAsync(CancellationToken.None);
        var startedIn = clock.Elapsed;
        await RunAsync(engine, watcher, first);
        Console.WriteLine($"Engine start {startedIn.TotalSeconds:F2} s; first orchestration finished {clock.Elapsed.TotalSeconds:F2} s after the start began");

        // 2. Per-batch latency on an idle engine: one 1,000-recipient batch at a time, start to completed.
        var latencies = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var campaign = await PrepareAsync(services, 1_000);
            await Task.Delay(TimeSpan.FromSeconds(3)); // idle: the pollers back off as they do between campaigns
            var watch = Stopwatch.StartNew();
            await RunAsync(engine, watcher, campaign);
            latencies.Add(watch.Elapsed.TotalSeconds);
        }

        latencies.Sort();
        Console.WriteLine($"Per batch of 1,000 (prepare, send, wait for the reports, complete), idle engine: median {latencies[4]:F2} s, slowest {latencies[^1]:F2} s, fastest {latencies[0]:F2} s");

        // 3. One campaign of N: throughput and storage requests, everything counted while it runs.
        var big = await PrepareAsync(services, recipients, counter);
        var run = Stopwatch.StartNew();
        await RunAsync(engine, watcher, big);
        var hub = engine.Options.HubName.ToLowerInvariant();
        var durable = counter.ByOperation.Where(o => o.Key.Contains(hub, StringComparison.OrdinalIgnoreCase)).Sum(o => o.Value);
        Console.WriteLine($"{recipients:N0} recipients in {run.Elapsed.TotalSeconds:F1} s ({recipients / run.Elapsed.TotalSeconds:N0}/s), submit included in the requests: " +
                          $"{counter.Total:N0} storage requests = {counter.Total * 1000.0 / recipients:F1} per 1,000 " +
                          $"(CRM {(counter.Total - durable) * 1000.0 / recipients:F1}, Durable task hub {durable * 1000.0 / recipients:F1})");
        foreach (var (operation, count) in counter.ByOperation.OrderByDescending(o => o.Value).Take(12))
        {
            Console.WriteLine($"  {operation,-45} {count,8:N0}");
        }

        // 4. An idle task hub: polls and lease renewals per minute.
        counter.Reset();
        await Task.Delay(TimeSpan.FromSeconds(60));
        Console.WriteLine($"Idle task hub: {counter.Total:N0} storage requests in 60 s = {counter.Total * 60 * 24:N0} a day");
        await engine.StopAsync(CancellationToken.None);
    }

    private static async Task<Campaign> PrepareAsync(IServiceProvider services, int recipients, RequestCounter? resetAfterSetup = null)
    {
        resetAfterSetup?.Reset();
        var submission = new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            Content = "주문하신 상품이 발송되었습니다.",
            Recipients = Enumerable.Range(0, recipients).Select(i => new RecipientSubmission($"010{i:D8}", null)).ToList(),
        };
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(Tenant, submission, CancellationToken.None)).Campaign;
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(Tenant, campaign.CampaignId), CancellationToken.None);
        return (await services.GetRequiredService<ICampaignStore>().GetAsync(Tenant, campaign.CampaignId, CancellationToken.None))!;
    }

    // Starts every batch as the delivery-batches queue would, and waits (through uncounted clients) until the campaign is done.
    private static async Task RunAsync(DurableEngine engine, TableCampaignStore watcher, Campaign campaign)
    {
        for (var n = 1; n <= campaign.BatchCount; n++)
        {
            await engine.Workflows.StartAsync(new BatchRef(Tenant, campaign.CampaignId, n), CancellationToken.None);
        }

        while ((await watcher.GetAsync(Tenant, campaign.CampaignId, CancellationToken.None))!.Status == CampaignStatus.Sending)
        {
            await Task.Delay(20);
        }
    }
}
