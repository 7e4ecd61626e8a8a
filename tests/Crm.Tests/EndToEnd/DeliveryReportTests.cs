using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>
/// D4–D7 with delivery reports as Solapi gives them: the send answer says only "registered"; whether
/// an AlimTalk reached the phone arrives seconds later, by the report webhook or by reading the group.
/// Crm.Local sends through its Solapi adapter to a stub that reports back (10-second windows here).
/// </summary>
[Collection(SolapiCollection.Name)]
public sealed class DeliveryReportTests(SolapiLocalFixture local, ITestOutputHelper output)
{
    private sealed record Metrics(long StorageRequests, Dictionary<string, long> StorageRequestsByOperation, long ProviderCalls);

    private readonly CrmApi _api = new(local);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object AlimTalk(IEnumerable<string> phones) => new
    {
        channel = "alimTalk",
        kind = "informational",
        senderNumber = CrmApi.Sender,
        templateCode = "ORDER_SHIPPED",
        content = "[테스트상점] 주문하신 상품이 발송되었습니다.",
        recipients = phones.Select(p => new { phone = p }),
    };

    private async Task<(string Tenant, CampaignView Done, List<RecipientHistoryItem> History, long Requests)> SendAlimTalkAsync(int count, int offset, long credits)
    {
        var tenant = await _api.NewTenantAsync(credits, "alimTalk");
        var before = (await local.GetAsync<Metrics>("local/metrics"))!;
        var submitted = await _api.SubmitAsync(tenant, AlimTalk(CrmApi.Phones(count, offset)));
        var done = await _api.WaitUntilFinishedAsync(tenant, submitted.CampaignId);
        var after = (await local.GetAsync<Metrics>("local/metrics"))!;
        foreach (var (operation, n) in after.StorageRequestsByOperation.Select(o => (o.Key, o.Value - before.StorageRequestsByOperation.GetValueOrDefault(o.Key))).Where(o => o.Item2 > 0).OrderByDescending(o => o.Item2).Take(15))
        {
            output.WriteLine($"  {operation,-45} {n,6}");
        }

        return (tenant, done, await _api.HistoryAsync(tenant, submitted.CampaignId), after.StorageRequests - before.StorageRequests);
    }

    private List<JsonObject> SentBy(string campaignId) => local.Stub.Sent.Where(m => ((string?)m["crm"])?.Contains(campaignId, StringComparison.Ordinal) == true).ToList();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Alimtalk_to_2000_with_140_reported_not_on_kakao_refunds_140_and_sends_140_fallback_sms_charged_separately(bool webhook)
    {
        const int offset = 400_000;
        var notKakao = Enumerable.Range(offset, 2000).Where(i => i % 100 < 7).Select(CrmApi.Phone).ToList();
        Assert.Equal(140, notKakao.Count);
        foreach (var (phone, i) in notKakao.Select((p, i) => (p, i)))
        {
            local.Stub.ReportCodes[phone] = i % 2 == 0 ? "3104" : "3107";
        }

        local.Stub.CallbackUrl = webhook ? local.ReportUrl : null;
        var callbacksBefore = local.Stub.CallbacksMade;
        try
        {
            var (tenant, done, history, requests) = await SendAlimTalkAsync(2000, offset, credits: 5000);

            Assert.Equal(CampaignStatus.Completed, done.Status);
            Assert.Equal(new CampaignCounts(2000, 0, 2000, 0, 0, 140), done.Counts);
            Assert.Equal(new CampaignCredits(2000 + 140, 140), done.Credits);
            Assert.Equal(5000 - 2000, (await _api.WalletAsync(tenant)).Balance);

            var fallbacks = history.Where(h => h.FallbackFor is not null).ToList();
            Assert.Equal(notKakao.Order(), fallbacks.Select(f => f.Phone).Order());
            Assert.All(fallbacks, f =>
            {
                var original = history.Single(h => h.Id == f.FallbackFor);
                Assert.Equal((Channel.AlimTalk, OutcomeStatus.Failed, 1L, 1L), (original.Channel, original.Status, original.CreditsCharged, original.CreditsRefunded));
                Assert.Contains(original.FailureCode, new[] { "3104", "3107" });
                Assert.Contains("Kakao", original.FailureReason);
                Assert.Equal((Channel.Sms, OutcomeStatus.Sent, 1L, 0L), (f.Channel, f.Status, f.CreditsCharged, f.CreditsRefunded));
            });
            Assert.Equal(1860, history.Count(h => h is { FallbackFor: null, Status: OutcomeStatus.Sent }));

            // What the provider was asked to send: each AlimTalk once, each fallback SMS once.
            var sent = SentBy(done.CampaignId);
            Assert.Equal(2000 + 140, sent.Count);
            Assert.Equal(sent.Count, sent.Select(m => (string?)m["crm"]).Distinct().Count());
            Assert.Equal(140, sent.Count(m => (string?)m["type"] == "SMS"));

            var ledger = await _api.AssertLedgerSumsAsync(tenant);
            Assert.Equal(-140, ledger.Where(e => e.OperationId.EndsWith(":fallback", StringComparison.Ordinal)).Sum(e => e.Amount)); // one charge per batch
            Assert.Equal(140, ledger.Where(e => e.OperationId.EndsWith(":send", StringComparison.Ordinal)).Sum(e => e.Amount));
            Assert.Equal(2 + 2, ledger.Count(e => e.OperationId.EndsWith(":fallback", StringComparison.Ordinal) || e.OperationId.EndsWith(":send", StringComparison.Ordinal)));
            Assert.True(webhook == local.Stub.CallbacksMade > callbacksBefore, "reports came by the webhook exactly when it was on");
            output.WriteLine($"{(webhook ? "Webhook" : "Polling only")}: {requests} storage requests for 2,000 AlimTalk + 140 fallback SMS = {requests / 2.0:F1} per 1,000 recipients (the test's own status polling and idle queue polls included)");
        }
        finally
        {
            local.Stub.ReportCodes.Clear();
            local.Stub.CallbackUrl = local.ReportUrl;
        }
    }

    [Fact]
    public async Task A_failure_reported_after_the_window_is_refunded_once_moves_the_counters_and_sends_no_fallback()
    {
        const int offset = 410_000;
        var late = CrmApi.Phone(offset + 1);
        local.Stub.ReportCodes[late] = "3107";
        local.Stub.LateReports[late] = TimeSpan.FromSeconds(14); // window 10 s: this one comes at about 16 s
        try
        {
            var (tenant, done, history, _) = await SendAlimTalkAsync(3, offset, credits: 100);

            // At the window's end it had no report: counted sent (accepted and charged, as the provider keeps it).
            Assert.Equal(new CampaignCounts(3, 0, 3, 0), done.Counts);
            Assert.Equal(OutcomeStatus.Sent, history.Single(h => h.Phone == late).Status);

            var settled = await EventuallyAsync(() => _api.HistoryAsync(tenant, done.CampaignId), h => h.Single(x => x.Phone == late).Status == OutcomeStatus.Failed);
            var view = (await local.GetAsync<CampaignView>($"tenants/{tenant}/campaigns/{done.CampaignId}"))!;
            Assert.Equal(new CampaignCounts(3, 0, 2, 1), view.Counts);
            Assert.Equal(new CampaignCredits(3, 1), view.Credits);
            Assert.Equal(("3107", 1L), (settled.Single(x => x.Phone == late).FailureCode, settled.Single(x => x.Phone == late).CreditsRefunded));
            Assert.DoesNotContain(settled, h => h.FallbackFor is not null);
            Assert.DoesNotContain(SentBy(done.CampaignId), m => (string?)m["type"] == "SMS");

            // The provider calls again (it retries): nothing moves twice.
            var report = new JsonArray(new JsonObject
            {
                ["groupId"] = SentBy(done.CampaignId).Single(m => (string?)m["to"] == late)["groupId"]!.GetValue<string>(),
                ["statusCode"] = "3107",
                ["customFields"] = new JsonObject { ["crm"] = SentBy(done.CampaignId).Single(m => (string?)m["to"] == late)["crm"]!.GetValue<string>() },
            });
            Assert.Equal(HttpStatusCode.OK, (await local.Http.PostAsync(local.ReportUrl, new StringContent(report.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct)).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(4), Ct);

            var again = (await local.GetAsync<CampaignView>($"tenants/{tenant}/campaigns/{done.CampaignId}"))!;
            Assert.Equal((view.Counts, view.Credits), (again.Counts, again.Credits));
            var ledger = await _api.AssertLedgerSumsAsync(tenant);
            Assert.Single(ledger, e => e.OperationId.EndsWith(":send:0001", StringComparison.Ordinal));
            Assert.Equal(100 - 3 + 1, (await _api.WalletAsync(tenant)).Balance);
        }
        finally
        {
            local.Stub.ReportCodes.Clear();
            local.Stub.LateReports.Clear();
        }
    }

    [Fact]
    public async Task The_report_webhook_refuses_a_wrong_secret_before_reading_and_ignores_reports_that_are_not_ours()
    {
        var wrong = await local.Http.PostAsync("delivery-reports/not-the-secret", new StringContent("[]", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        // A report naming somebody else's group, or none of our references, is answered but changes nothing.
        var foreign = new JsonArray(
            new JsonObject { ["groupId"] = "G4V-forged", ["statusCode"] = "3107", ["customFields"] = new JsonObject { ["crm"] = "t-1/0123456789abcdef0123456789abcdef/00001/send/0000" } },
            new JsonObject { ["groupId"] = "G4V-other", ["statusCode"] = "4000" });
        var answer = await local.Http.PostAsync(local.ReportUrl, new StringContent(foreign.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, (await answer.Content.ReadFromJsonAsync<JsonObject>(Ct))!["reports"]!.GetValue<int>());

        var malformed = await local.Http.PostAsync(local.ReportUrl, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(500, Ct);
        }
    }
}
