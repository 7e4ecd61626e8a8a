using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Local.Hosting;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>
/// D9 through a real crash: Crm.Local is killed (SIGKILL) while a 20,000-recipient SMS campaign is
/// sending, then started again on the same storage. Durable's task hub resumes every batch; each
/// recipient has exactly one history row, each batch exactly one charge, nothing is refunded, and
/// the balance is the sum of the ledger. Prints how long recovery took.
/// </summary>
public sealed class KillRecoveryTests(ITestOutputHelper output)
{
    private const int Recipients = 20_000;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_host_killed_mid_campaign_and_restarted_completes_every_batch_exactly_once_in_history_and_ledger()
    {
        await using var azurite = await AzuriteProcess.StartAsync(
            AzuriteFixture.RepoRoot, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder: null, _ => { }, Ct);
        var port = AzuriteProcess.FreePort();
        var first = await CrmLocalProcess.StartAsync(azurite.ConnectionString, port);
        using var http = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await http.PostAsJsonAsync("tenants/demo/wallet/adjustments", new { credits = Recipients, reason = "test credits", operationId = "kill-test" }, Ct);
        var body = new
        {
            channel = "sms",
            kind = "informational",
            senderNumber = "02-1234-5678",
            content = "주문하신 상품이 발송되었습니다.",
            recipients = Enumerable.Range(0, Recipients).Select(i => new { phone = $"010-{5000 + (i / 10000):D4}-{i % 10000:D4}" }),
        };
        var submitted = await http.PostAsJsonAsync("tenants/demo/campaigns", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var campaignId = (await submitted.Content.ReadFromJsonAsync<CampaignView>(CrmJson.Options, Ct))!.CampaignId;

        // Kill it once some batches are done and others are not.
        CampaignView view;
        do
        {
            await Task.Delay(100, Ct);
            view = (await http.GetFromJsonAsync<CampaignView>($"tenants/demo/campaigns/{campaignId}", CrmJson.Options, Ct))!;
        }
        while (view.Batches.Completed < 2);

        await first.KillAsync();
        var completedAtKill = view.Batches.Completed;
        Assert.True(completedAtKill < view.Batches.Total, $"All {view.Batches.Total} batches were done before the kill; nothing was interrupted.");

        var restart = Stopwatch.StartNew();
        await using var second = await CrmLocalProcess.StartAsync(azurite.ConnectionString, port);
        var started = restart.Elapsed;
        while (view.Status is CampaignStatus.Sending or CampaignStatus.Scheduled)
        {
            Assert.True(restart.Elapsed < TimeSpan.FromMinutes(4), $"Still {view.Status}: {view.Batches.Completed}/{view.Batches.Total} batches.\n{second.Output}");
            await Task.Delay(250, Ct);
            view = (await http.GetFromJsonAsync<CampaignView>($"tenants/demo/campaigns/{campaignId}", CrmJson.Options, Ct))!;
        }

        var resent = (await http.GetFromJsonAsync<JsonElement>($"sandbox/messages?campaignId={campaignId}", Ct)).GetArrayLength();
        output.WriteLine($"Killed with {completedAtKill}/{view.Batches.Total} batches done; restarted in {started.TotalSeconds:F1} s; every batch done " +
                         $"{restart.Elapsed.TotalSeconds:F1} s after the restart began; the restarted sandbox sent {resent:N0} messages for the remaining " +
                         $"{(view.Batches.Total - completedAtKill) * 1000:N0} recipients (more means batches the dead host had sent were sent again).");
        Assert.Equal(CampaignStatus.Completed, view.Status);
        Assert.Equal(new CampaignCounts(Recipients, 0, Recipients, 0), view.Counts);
        Assert.Equal((long)Recipients, view.Credits.Charged);
        Assert.Equal(0, view.Credits.Refunded);

        // History: one row per recipient, all sent.
        var phones = new List<string>();
        string? token = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"tenants/demo/campaigns/{campaignId}/recipients?pageSize=1000{(token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))}", Ct);
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                Assert.Equal("sent", item.GetProperty("status").GetString());
                phones.Add(item.GetProperty("phone").GetString()!);
            }

            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(Recipients, phones.Count);
        Assert.Equal(Recipients, phones.Distinct().Count());

        // Ledger: one charge per batch, no refund, the balance its sum.
        var entries = new List<LedgerEntry>();
        long? after = 0;
        while (after is not null)
        {
            var page = (await http.GetFromJsonAsync<CrmApi.LedgerPage>($"tenants/demo/wallet/ledger?after={after}&pageSize=500", CrmJson.Options, Ct))!;
            entries.AddRange(page.Items);
            after = page.After;
        }

        var charges = entries.Where(e => e.OperationId.StartsWith($"charge:{campaignId}", StringComparison.Ordinal)).ToList();
        Assert.Equal(Recipients / 1000, charges.Count);
        Assert.Equal(charges.Count, charges.Select(c => c.OperationId).Distinct().Count());
        Assert.DoesNotContain(entries, e => e.Kind == LedgerKind.Refund);
        var wallet = (await http.GetFromJsonAsync<WalletView>("tenants/demo/wallet", CrmJson.Options, Ct))!;
        Assert.Equal(wallet.Balance, entries.Sum(e => e.Amount));
        Assert.Equal(10_000, wallet.Balance);
    }
}
