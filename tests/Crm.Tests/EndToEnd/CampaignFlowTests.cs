using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

[Collection(CrmLocalCollection.Name)]
public sealed class CampaignFlowTests(CrmLocalFixture local, ITestOutputHelper output)
{
    private sealed record Metrics(long StorageRequests, Dictionary<string, long> StorageRequestsByOperation, long ProviderCalls);

    private static object Sms(IEnumerable<string> phones, string content = "#{name}님, 주문하신 상품이 발송되었습니다.") => new
    {
        channel = "sms",
        kind = "informational",
        senderNumber = CrmApi.Sender,
        content,
        recipients = phones.Select((p, i) => new { phone = p, variables = new { name = $"고객{i}" } }),
    };

    private static IEnumerable<string> Phones(int n, int offset = 0) => Enumerable.Range(offset, n).Select(i => $"010-{i / 10000:D4}-{i % 10000:D4}");

    private readonly CrmApi _api = new(local);

    private async Task<(string Tenant, CampaignView Campaign)> SubmitAsync(object body, long credits = 3000)
    {
        var tenant = await _api.NewTenantAsync(credits);
        var response = await local.Http.PostAsJsonAsync($"tenants/{tenant}/campaigns", body, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var view = (await response.Content.ReadFromJsonAsync<CampaignView>(CrmJson.Options, TestContext.Current.CancellationToken))!;
        Assert.Equal($"/api/tenants/{tenant}/campaigns/{view.CampaignId}", response.Headers.Location?.ToString());
        return (tenant, view);
    }

    private async Task<CampaignView> WaitForCompletionAsync(string tenant, string campaignId)
    {
        var done = await _api.WaitUntilFinishedAsync(tenant, campaignId);
        Assert.Equal(CampaignStatus.Completed, done.Status);
        return done;
    }

    [Fact]
    public async Task An_sms_to_2500_goes_out_in_3_batches_each_recipient_exactly_once()
    {
        var before = (await local.GetAsync<Metrics>("local/metrics"))!;
        var (tenant, submitted) = await SubmitAsync(Sms(Phones(2500)));
        Assert.Equal(CampaignStatus.Scheduled, submitted.Status);
        Assert.Equal(2500, submitted.Counts.Queued);

        var done = await WaitForCompletionAsync(tenant, submitted.CampaignId);
        var after = (await local.GetAsync<Metrics>("local/metrics"))!;

        Assert.Equal(new CampaignCounts(2500, 0, 2500, 0), done.Counts);
        Assert.Equal(3000 - 2500, (await _api.WalletAsync(tenant)).Balance);
        Assert.Equal(new BatchProgress(3, 3), done.Batches);
        var messages = (await local.GetAsync<List<SandboxMessage>>($"sandbox/messages?campaignId={submitted.CampaignId}"))!;
        Assert.Equal(2500, messages.Count);
        Assert.Equal(2500, messages.Select(m => m.To).Distinct().Count());
        Assert.Equal(2500, messages.Select(m => m.Reference).Distinct().Count());
        Assert.Equal("고객2499님, 주문하신 상품이 발송되었습니다.", messages.Single(m => m.To == "01000002499").Text);
        Assert.Equal(3, messages.Select(m => m.GroupId).Distinct().Count()); // one provider group per batch
        Assert.InRange(after.ProviderCalls - before.ProviderCalls, 6, 30); // per batch: create, send, then a few reads for its reports

        var requests = after.StorageRequests - before.StorageRequests;
        output.WriteLine($"Storage requests for 2,500 recipients: {requests} ({requests / 2.5:F1} per 1,000 recipients)");
        foreach (var (operation, count) in after.StorageRequestsByOperation)
        {
            output.WriteLine($"  {operation}: {count - before.StorageRequestsByOperation.GetValueOrDefault(operation)}");
        }
    }

    [Fact]
    public async Task Numbers_the_provider_refuses_are_recorded_failed_and_the_rest_sent()
    {
        var phones = Phones(1200, 50_000).ToList();
        var refused = new HashSet<string> { "01000050007", "01000051100" };
        (await local.Http.PutAsJsonAsync("sandbox/rules", new SandboxRules { InvalidNumbers = refused }, CrmJson.Options, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        try
        {
            var (tenant, submitted) = await SubmitAsync(Sms(phones));
            var done = await WaitForCompletionAsync(tenant, submitted.CampaignId);
            Assert.Equal(new CampaignCounts(1200, 0, 1198, 2), done.Counts);
        }
        finally
        {
            await local.Http.PutAsJsonAsync("sandbox/rules", new SandboxRules(), CrmJson.Options, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_provider_outage_is_retried_and_still_sends_each_recipient_once()
    {
        (await local.Http.PutAsJsonAsync("sandbox/rules", new SandboxRules { TransientFailures = 2 }, CrmJson.Options, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var before = (await local.GetAsync<Metrics>("local/metrics"))!;

        var (tenant, submitted) = await SubmitAsync(Sms(Phones(1500, 60_000)));
        var done = await WaitForCompletionAsync(tenant, submitted.CampaignId);
        var after = (await local.GetAsync<Metrics>("local/metrics"))!;

        Assert.Equal(new CampaignCounts(1500, 0, 1500, 0), done.Counts);
        Assert.True(after.ProviderCalls - before.ProviderCalls >= 2 * 2 + 2, "2 batches (create and send each) + 2 failed attempts");
        var messages = (await local.GetAsync<List<SandboxMessage>>($"sandbox/messages?campaignId={submitted.CampaignId}"))!;
        Assert.Equal(2, messages.Select(m => m.GroupId).Distinct().Count());
        Assert.Equal(1500, messages.Select(m => m.To).Distinct().Count());
        Assert.Equal(1500, messages.Count);
    }

    [Fact]
    public async Task Duplicate_report_callbacks_count_nothing_twice_and_a_report_never_called_back_is_read_from_the_group()
    {
        var phones = Phones(40, 70_000).ToList();
        var silent = "01000070003"; // reported by the sandbox, but never called back: only reading the group shows it
        var rules = new SandboxRules { DuplicateCallbacks = true, UncalledReports = [silent], InvalidNumbers = [silent, "01000070005"] };
        (await local.Http.PutAsJsonAsync("sandbox/rules", rules, CrmJson.Options, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        try
        {
            var (tenant, submitted) = await SubmitAsync(Sms(phones));
            var done = await WaitForCompletionAsync(tenant, submitted.CampaignId);

            Assert.Equal(new CampaignCounts(40, 0, 38, 2), done.Counts);
            Assert.Equal(new CampaignCredits(40, 2), done.Credits);
            var history = await _api.HistoryAsync(tenant, submitted.CampaignId);
            Assert.Equal(("3032", 1L), (history.Single(h => h.Phone == silent).FailureCode, history.Single(h => h.Phone == silent).CreditsRefunded));
            Assert.All(history, h => Assert.NotEqual(OutcomeStatus.Pending, h.Status));
            var ledger = await _api.AssertLedgerSumsAsync(tenant);
            Assert.Single(ledger, e => e.Kind == Crm.Core.Credits.LedgerKind.Refund);
        }
        finally
        {
            await local.Http.PutAsJsonAsync("sandbox/rules", new SandboxRules(), CrmJson.Options, TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData("{}", "channel")]
    [InlineData("{\"channel\":\"sms\",\"kind\":\"informational\",\"senderNumber\":\"0212345678\",\"content\":\"hi\",\"recipients\":[]}", "recipients")]
    [InlineData("{\"channel\":\"sms\",\"kind\":\"informational\",\"senderNumber\":\"0212345678\",\"content\":\"hi\",\"recipients\":[{\"phone\":\"010-1234\"}]}", "recipients[0].phone")]
    [InlineData("{\"channel\":\"fax\"}", "channel")]
    [InlineData("{\"channel\":\"sms\",", "body")]
    [InlineData("", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("{\"channel\":\"sms\",\"kind\":\"informational\",\"senderNumber\":\"0212345678\",\"content\":\"hi\",\"recipients\":{\"phone\":1}}", "recipients")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        // The demo tenant Crm.Local seeded into its empty store takes the bad submissions.
        var response = await local.Http.PostAsync("tenants/demo/campaigns", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(field, fields);
    }

    [Theory]
    [InlineData("POST", "tenants/no-such-shop/campaigns")]
    [InlineData("GET", "tenants/no-such-shop/campaigns/0190a0d0e0f0a0b0c0d0e0f0a0b0c0d0")]
    [InlineData("GET", "tenants/demo/campaigns/0190a0d0e0f0a0b0c0d0e0f0a0b0c0d0")]
    [InlineData("GET", "tenants/demo/campaigns/not-a-campaign")]
    public async Task Unknown_tenants_and_campaigns_are_404_problems(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(Sms(Phones(1)));
        }

        var response = await local.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_recurring_campaign_sends_its_first_run_now_and_waits_for_the_next()
    {
        var body = new
        {
            channel = "sms",
            kind = "informational",
            senderNumber = CrmApi.Sender,
            content = "이번 주 수업 일정을 확인하세요.",
            recipients = Phones(3, 70_000).Select(p => new { phone = p }),
            recurrence = new { every = "week", runs = 4 },
        };
        var (tenant, series) = await SubmitAsync(body);
        Assert.Equal(4, series.Recurrence!.Runs);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        CampaignView current;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            current = (await local.GetAsync<CampaignView>($"tenants/{tenant}/campaigns/{series.CampaignId}"))!;
        }
        while (current.RunsCreated == 0 && DateTime.UtcNow < deadline);

        Assert.Equal((CampaignStatus.Scheduled, 1), (current.Status, current.RunsCreated));
        Assert.Equal(series.SendAt.AddDays(7), current.NextRunAt);
        var listed = (await local.GetAsync<CampaignPage>($"tenants/{tenant}/campaigns"))!.Items;
        var run = Assert.Single(listed, c => c.SeriesId == series.CampaignId);
        var done = await _api.WaitUntilFinishedAsync(tenant, run.CampaignId);
        Assert.Equal((CampaignStatus.Completed, 3, 1), (done.Status, done.Counts.Sent, done.Run));
    }

    private sealed record CampaignPage(List<CampaignView> Items, string? ContinuationToken);

    [Fact]
    public async Task An_empty_store_gets_the_demo_tenant_with_its_credits()
    {
        var wallet = (await local.GetAsync<Crm.Core.Credits.WalletView>("tenants/demo/wallet"))!;
        Assert.Equal(10_000, wallet.Balance);
        Assert.Contains("Seeded tenant 'demo'", local.Output);
    }

    [Fact]
    public async Task A_malformed_tenant_id_is_a_400_naming_it()
    {
        var response = await local.Http.PostAsJsonAsync("tenants/Bad_Tenant/campaigns", Sms(Phones(1)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tenantId", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
