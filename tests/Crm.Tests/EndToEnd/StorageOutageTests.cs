using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Core.Functions;
using Crm.Local.Hosting;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>
/// Storage goes away under a running campaign and comes back: Azurite (data on disk, stopped as
/// an outage stops it, nothing lost) is down for 40 seconds while a 3,000-recipient SMS campaign
/// is sending, then starts again on the same ports. Crm.Local keeps running and polling through
/// it, and the campaign completes with every recipient sent once, one charge per batch and a
/// ledger that sums to the balance; a request made meanwhile is a 500 problem with a trace id that
/// the host's log names. Durable's visibility timeouts are 10 s here, as in the crash soak.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private const int Recipients = 3_000;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(40);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_40_second_storage_outage_mid_campaign_leaves_the_host_running_and_every_recipient_sent_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"crm-outage-{Guid.NewGuid():N}");
        var (blob, queue, table) = (AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort());
        var azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepoRoot, blob, queue, table, folder, _ => { }, Ct);
        try
        {
            var settings = new Dictionary<string, string>
            {
                // Reports come while storage is down, and the workflows read them by polling afterwards.
                [SettingNames.SandboxReportDelay] = "00:00:02",
                [SettingNames.DeliveryReportsMessageWindow] = "00:00:30",
                [SettingNames.DeliveryReportsPollInterval] = "00:00:02",
                ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:10",
                ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:10",
            };
            await using var host = await CrmLocalProcess.StartAsync(azurite.ConnectionString, AzuriteProcess.FreePort(), settings);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            (await http.PostAsJsonAsync("tenants/demo/wallet/adjustments", new { credits = Recipients, reason = "outage credits", operationId = "outage" }, Ct)).EnsureSuccessStatusCode();
            var phones = Enumerable.Range(0, Recipients).Select(i => $"010{6000 + (i / 10000):D4}{i % 10000:D4}").ToList();
            var body = new { channel = "sms", kind = "informational", senderNumber = "02-1234-5678", content = "주문하신 상품이 발송되었습니다.", recipients = phones.Select(p => new { phone = p }) };
            var submitted = await http.PostAsJsonAsync("tenants/demo/campaigns", body, Ct);
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            var campaignId = (await submitted.Content.ReadFromJsonAsync<CampaignView>(CrmJson.Options, Ct))!.CampaignId;

            // Storage goes down once the provider has been called: some batches sent, their reports and completions still to come.
            while ((await http.GetFromJsonAsync<Metrics>("local/metrics", CrmJson.Options, Ct))!.ProviderCalls == 0)
            {
                await Task.Delay(50, Ct);
            }

            await azurite.StopAsync();
            var clock = Stopwatch.StartNew();

            // A request storage cannot serve meanwhile: a 500 problem with a trace id, no error details; the log has the error under that id.
            var failed = await http.GetAsync("tenants/demo/wallet", Ct);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            var traceId = Assert.Single(failed.Headers.GetValues(ApiPipeline.TraceIdHeader));
            var problem = await failed.Content.ReadAsStringAsync(Ct);
            Assert.Equal(traceId, JsonDocument.Parse(problem).RootElement.GetProperty("traceId").GetString());
            Assert.DoesNotMatch("Exception|Azure|127\\.0\\.0\\.1|   at ", problem);
            var logged = $"GetWallet failed with an unexpected error, answered 500 with trace id {traceId}";
            for (var i = 0; i < 50 && !host.Output.Contains(logged, StringComparison.Ordinal); i++)
            {
                await Task.Delay(100, Ct); // the console logger writes in the background
            }

            Assert.Contains(logged, host.Output, StringComparison.Ordinal);

            await Task.Delay(Outage - clock.Elapsed, Ct);
            Assert.False(host.HasExited, $"Crm.Local exited during the outage:\n{host.Output}");
            azurite = await AzuriteProcess.StartAsync(AzuriteFixture.RepoRoot, blob, queue, table, folder, _ => { }, Ct);

            CampaignView view;
            while (true)
            {
                Assert.False(host.HasExited, $"Crm.Local exited after the outage:\n{host.Output}");
                view = (await http.GetFromJsonAsync<CampaignView>($"tenants/demo/campaigns/{campaignId}", CrmJson.Options, Ct))!;
                if (view.Status is not (CampaignStatus.Scheduled or CampaignStatus.Sending))
                {
                    break;
                }

                Assert.True(clock.Elapsed < Outage + TimeSpan.FromMinutes(3), $"Still {view.Status}: {view.Batches.Completed}/{view.Batches.Total} batches.\n{host.Output}");
                await Task.Delay(250, Ct);
            }

            output.WriteLine($"Completed {(clock.Elapsed - Outage).TotalSeconds:F1} s after storage came back ({Outage.TotalSeconds:F0} s outage).");
            Assert.False(host.HasExited);
            Assert.Equal(CampaignStatus.Completed, view.Status);
            Assert.Equal(new CampaignCounts(Recipients, 0, Recipients, 0), view.Counts);

            // The provider: each recipient exactly once.
            var sent = (await http.GetFromJsonAsync<List<SandboxMessage>>($"sandbox/messages?campaignId={campaignId}", CrmJson.Options, Ct))!;
            Assert.Equal(phones.Order(), sent.Select(m => m.To).Order());

            // The ledger: one charge per batch, nothing refunded, the balance its sum.
            var ledger = new List<LedgerEntry>();
            long? after = 0;
            while (after is not null)
            {
                var page = (await http.GetFromJsonAsync<CrmApi.LedgerPage>($"tenants/demo/wallet/ledger?after={after}&pageSize=500", CrmJson.Options, Ct))!;
                ledger.AddRange(page.Items);
                after = page.After;
            }

            Assert.Equal(Recipients / 1000, ledger.Count(e => e.OperationId.StartsWith($"charge:{campaignId}", StringComparison.Ordinal)));
            Assert.DoesNotContain(ledger, e => e.Kind == LedgerKind.Refund);
            var wallet = (await http.GetFromJsonAsync<WalletView>("tenants/demo/wallet", CrmJson.Options, Ct))!;
            Assert.Equal(wallet.Balance, ledger.Sum(e => e.Amount));
            Assert.Equal(10_000, wallet.Balance);
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Metrics(long ProviderCalls);
}
