using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Local.Hosting;
using Crm.Tests.Fixtures;
using Crm.Tests.Providers;

namespace Crm.Tests.EndToEnd;

/// <summary>
/// D9 against the provider, through crashes: Crm.Local sends an SMS campaign through its Solapi
/// adapter to <see cref="SolapiStub"/> (which outlives every Crm.Local) and is killed (SIGKILL) several
/// times while sending, each time started again on the same storage; in one variant the stub also
/// loses half of its answers to the calls that change something (create, add, send, delete) after
/// doing the work. Every recipient must have been accepted by the provider exactly once (with lost
/// answers: at most once, and the rest failed and refunded, as a step gives up after five lost
/// answers in a row), each batch charged once, the ledger must sum to the balance, and the
/// campaign's counters must equal its history rows. The suite runs a short seeded version;
/// scripts/crash-soak.sh runs 20,000 recipients and 10 kills (CRM_SOAK_RECIPIENTS, CRM_SOAK_KILLS,
/// CRM_SOAK_SEED). Durable's visibility timeouts are 10 s here (an app-setting override of host.json,
/// as in Azure), so each kill costs seconds rather than host.json's minute.
/// </summary>
public sealed class CrashSoakTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int Env(string name, int fallback, int min = 1) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min ? value : fallback;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Killed_while_sending_every_recipient_reaches_the_provider_exactly_once_and_the_books_balance(bool loseHalfTheAnswers)
    {
        var recipients = Env("CRM_SOAK_RECIPIENTS", 3_000);
        var kills = Env("CRM_SOAK_KILLS", 2, min: 0);
        var random = new Random(Env("CRM_SOAK_SEED", 42) + (loseHalfTheAnswers ? 1 : 0));
        await using var stub = await SolapiStub.StartAsync();
        stub.ReportDelay = TimeSpan.FromSeconds(1);
        if (loseHalfTheAnswers)
        {
            // Half of the calls that change something (create, add, send) are carried out and then their answer is lost.
            var coin = new Random(Env("CRM_SOAK_SEED", 42));
            stub.LoseAnswer = (_, method) => method != "GET" && Coin(coin);
        }

        await using var azurite = await AzuriteProcess.StartAsync(
            AzuriteFixture.RepoRoot, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder: null, _ => { }, Ct);
        var port = AzuriteProcess.FreePort();
        const string secret = "soak-report-secret";
        var settings = new Dictionary<string, string>
        {
            [SettingNames.MessagingProvider] = "Solapi",
            [SettingNames.SolapiApiKey] = stub.ApiKey,
            [SettingNames.SolapiApiSecret] = stub.ApiSecret,
            [SettingNames.SolapiBaseUrl] = stub.BaseUrl.ToString(),
            [SettingNames.DeliveryReportsSecret] = secret,
            [SettingNames.DeliveryReportsMessageWindow] = "00:00:20",
            [SettingNames.DeliveryReportsPollInterval] = "00:00:02",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:10",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:10",
        };
        var host = await CrmLocalProcess.StartAsync(azurite.ConnectionString, port, settings);
        stub.CallbackUrl = new Uri(host.BaseAddress, $"delivery-reports/{secret}");
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        (await http.PostAsJsonAsync("tenants/demo/wallet/adjustments", new { credits = recipients, reason = "soak credits", operationId = "soak" }, Ct)).EnsureSuccessStatusCode();
        var phones = Enumerable.Range(0, recipients).Select(i => $"010{7000 + (i / 10000):D4}{i % 10000:D4}").ToList();
        var body = new { channel = "sms", kind = "informational", senderNumber = "02-1234-5678", content = "주문하신 상품이 발송되었습니다.", recipients = phones.Select(p => new { phone = p }) };
        var submitted = await http.PostAsJsonAsync("tenants/demo/campaigns", body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var campaignId = (await submitted.Content.ReadFromJsonAsync<CampaignView>(CrmJson.Options, Ct))!.CampaignId;

        var clock = Stopwatch.StartNew();
        var killed = 0;
        var view = await ViewAsync(http, campaignId);
        while (view.Status is CampaignStatus.Scheduled or CampaignStatus.Sending)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(10), $"Still {view.Status} after {killed} kills: {view.Batches.Completed}/{view.Batches.Total} batches.\n{host.Output}");
            if (killed < kills)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 2_500)), Ct);
                await host.KillAsync();
                killed++;
                output.WriteLine($"kill {killed} at {clock.Elapsed.TotalSeconds:F1} s: {stub.Sent.Count:N0} messages at the provider");
                await host.DisposeAsync();
                host = await CrmLocalProcess.StartAsync(azurite.ConnectionString, port, settings);
            }
            else
            {
                await Task.Delay(500, Ct);
            }

            view = await ViewAsync(http, campaignId);
        }

        await using (host)
        {
            output.WriteLine($"{recipients:N0} recipients, {killed} kills, lost answers: {loseHalfTheAnswers}: done in {clock.Elapsed.TotalSeconds:F1} s; " +
                             $"{stub.Requests:N0} provider requests, {stub.GroupIds.Count} groups for {view.Batches.Total} batches (the rest empty, never sent)");

            // The provider: each recipient at most once.
            var sent = stub.Sent.Where(m => ((string?)m["crm"])?.Contains(campaignId, StringComparison.Ordinal) == true).ToList();
            var duplicates = sent.GroupBy(m => (string?)m["to"]).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").Take(10).ToList();
            Assert.True(duplicates.Count == 0, $"Sent more than once: {string.Join(", ", duplicates)}");

            // The history: everyone else failed as a whole step the provider never took, and only when answers
            // were lost (a batch whose group creation lost its answer five times in a row gives up: 1 in 32).
            var rows = await HistoryAsync(http, campaignId);
            var failed = rows.Where(r => r.GetProperty("status").GetString() == "failed").ToList();
            var reasons = string.Join("; ", failed.Select(r => $"{r.GetProperty("failureCode")}: {r.GetProperty("failureReason")}").Distinct().Take(5));
            output.WriteLine($"{failed.Count:N0} recipients failed, refunded: {(reasons.Length > 0 ? reasons : "none")}");
            Assert.Equal(phones.Order(), sent.Select(m => (string?)m["to"]).Concat(failed.Select(r => r.GetProperty("phone").GetString())).Order());
            Assert.All(failed, r => Assert.Equal(FailureCodes.ProviderUnavailable, r.GetProperty("failureCode").GetString()));
            Assert.True(loseHalfTheAnswers || failed.Count == 0, $"Failed without lost answers: {reasons}");

            // The campaign: counters equal rows.
            Assert.Equal(CampaignStatus.Completed, view.Status);
            Assert.Equal(new CampaignCounts(recipients, 0, recipients - failed.Count, failed.Count), view.Counts);
            Assert.Equal(recipients, rows.Count);
            Assert.Equal(view.Counts.Sent, rows.Count(r => r.GetProperty("status").GetString() == "sent"));
            Assert.Equal(phones.Order(), rows.Select(r => r.GetProperty("phone").GetString()).Order());

            // The ledger: one charge per batch, exactly the failures refunded, the balance its sum.
            var ledger = await LedgerAsync(http);
            var charges = ledger.Where(e => e.OperationId.StartsWith($"charge:{campaignId}", StringComparison.Ordinal)).ToList();
            Assert.Equal(view.Batches.Total, charges.Count);
            Assert.Equal(-(long)recipients, charges.Sum(c => c.Amount));
            Assert.Equal(failed.Count, ledger.Where(e => e.Kind == LedgerKind.Refund).Sum(e => e.Amount));
            var wallet = (await http.GetFromJsonAsync<WalletView>("tenants/demo/wallet", CrmJson.Options, Ct))!;
            Assert.Equal(wallet.Balance, ledger.Sum(e => e.Amount));
            Assert.Equal(10_000 + failed.Count, wallet.Balance);
        }
    }

    private static bool Coin(Random random)
    {
        lock (random)
        {
            return random.Next(2) == 0;
        }
    }

    private static async Task<CampaignView> ViewAsync(HttpClient http, string campaignId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await http.GetFromJsonAsync<CampaignView>($"tenants/demo/campaigns/{campaignId}", CrmJson.Options, Ct))!;
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(200, Ct); // between a kill and the restart nobody answers
            }
        }
    }

    private static async Task<List<JsonElement>> HistoryAsync(HttpClient http, string campaignId)
    {
        var rows = new List<JsonElement>();
        string? token = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"tenants/demo/campaigns/{campaignId}/recipients?pageSize=1000{(token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))}", Ct);
            rows.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return rows;
    }

    private static async Task<List<LedgerEntry>> LedgerAsync(HttpClient http)
    {
        var entries = new List<LedgerEntry>();
        long? after = 0;
        while (after is not null)
        {
            var page = (await http.GetFromJsonAsync<CrmApi.LedgerPage>($"tenants/demo/wallet/ledger?after={after}&pageSize=500", CrmJson.Options, Ct))!;
            entries.AddRange(page.Items);
            after = page.After;
        }

        return entries;
    }
}
