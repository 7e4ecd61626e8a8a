using System.Net;
using System.Net.Http.Json;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>The calls end-to-end tests make, over real HTTP to Crm.Local.</summary>
public sealed class CrmApi(ICrmHost local)
{
    public const string Sender = "02-555-0100";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http => local.Http;

    public static IEnumerable<string> Phones(int n, int offset = 0) => Enumerable.Range(offset, n).Select(i => $"010-{i / 10000:D4}-{i % 10000:D4}");

    public static string Phone(int i) => $"010{i / 10000:D4}{i % 10000:D4}";

    /// <summary>A new tenant with a registered sender number, a Kakao channel, fallback as given, and <paramref name="credits"/>.</summary>
    public async Task<string> NewTenantAsync(long credits, params string[] fallbackChannels)
    {
        var tenant = Ids.Tenant();
        await OkAsync(await Http.PutAsJsonAsync($"tenants/{tenant}", new { name = "테스트 상점", kakaoChannelId = "@test-shop", fallbackChannels }, Ct));
        await OkAsync(await Http.PostAsJsonAsync($"tenants/{tenant}/sender-numbers", new { number = Sender }, Ct));
        if (credits > 0)
        {
            await OkAsync(await Http.PostAsJsonAsync($"tenants/{tenant}/wallet/adjustments", new { credits, reason = "test credits", operationId = "seed" }, Ct));
        }

        return tenant;
    }

    public async Task<CampaignView> SubmitAsync(string tenant, object body)
    {
        var response = await Http.PostAsJsonAsync($"tenants/{tenant}/campaigns", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<CampaignView>(CrmJson.Options, Ct))!;
    }

    public async Task<CampaignView> WaitUntilFinishedAsync(string tenant, string campaignId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var view = (await local.GetAsync<CampaignView>($"tenants/{tenant}/campaigns/{campaignId}"))!;
            if (view.Status is not (CampaignStatus.Scheduled or CampaignStatus.Sending) && view.Batches.Completed == view.Batches.Total)
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Campaign still {view.Status} with {view.Counts}.\n{local.Output}");
            await Task.Delay(200, Ct);
        }
    }

    public async Task<WalletView> WalletAsync(string tenant) => (await local.GetAsync<WalletView>($"tenants/{tenant}/wallet"))!;

    /// <summary>W6: the balance equals the sum of the ledger, read page by page.</summary>
    public async Task<List<LedgerEntry>> AssertLedgerSumsAsync(string tenant)
    {
        var entries = new List<LedgerEntry>();
        long? after = 0;
        while (after is not null)
        {
            var page = (await local.GetAsync<LedgerPage>($"tenants/{tenant}/wallet/ledger?after={after}&pageSize=2"))!;
            entries.AddRange(page.Items);
            after = page.After;
        }

        var wallet = await WalletAsync(tenant);
        Assert.Equal(wallet.Balance, entries.Sum(e => e.Amount));
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        return entries;
    }

    public async Task<List<RecipientHistoryItem>> HistoryAsync(string tenant, string campaignId, string? status = null)
    {
        var items = new List<RecipientHistoryItem>();
        string? token = null;
        do
        {
            var query = $"tenants/{tenant}/campaigns/{campaignId}/recipients?pageSize=1000{(status is null ? string.Empty : $"&status={status}")}{(token is null ? string.Empty : $"&continuationToken={Uri.EscapeDataString(token)}")}";
            var page = (await local.GetAsync<HistoryPage>(query))!;
            items.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return items;
    }

    public async Task<List<SandboxMessage>> SandboxAsync(string campaignId) => (await local.GetAsync<List<SandboxMessage>>($"sandbox/messages?campaignId={campaignId}"))!;

    public async Task RulesAsync(SandboxRules rules) => await OkAsync(await Http.PutAsJsonAsync("sandbox/rules", rules, CrmJson.Options, Ct));

    public static async Task OkAsync(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");

    public sealed record LedgerPage(List<LedgerEntry> Items, long? After);

    private sealed record HistoryPage(List<RecipientHistoryItem> Items, string? ContinuationToken);
}
