using System.Net;
using System.Net.Http.Json;
using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>The seeds' wallet and delivery scenarios (D2–D7, W6), each over HTTP against Crm.Local.</summary>
[Collection(CrmLocalCollection.Name)]
public sealed class CreditScenarioTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    private static object Campaign(string channel, IEnumerable<string> phones, string content = "주문하신 상품이 발송되었습니다.", object? extra = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["channel"] = channel,
            ["kind"] = "informational",
            ["senderNumber"] = CrmApi.Sender,
            ["content"] = content,
            // Night consent keeps advertising scenarios independent of the hour CI runs at (C4 has its own tests).
            ["recipients"] = phones.Select(p => new { phone = p, nightConsent = true }),
        };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        return body;
    }

    [Fact]
    public async Task Sms_to_4000_with_2500_credits_sends_two_batches_and_fails_the_rest_for_credits()
    {
        var tenant = await _api.NewTenantAsync(2500);

        var submitted = await _api.SubmitAsync(tenant, Campaign("sms", CrmApi.Phones(4000)));
        var done = await _api.WaitUntilFinishedAsync(tenant, submitted.CampaignId);

        Assert.Equal(CampaignStatus.Completed, done.Status);
        Assert.Equal(new CampaignCounts(4000, 0, 2000, 2000, 0, 0), done.Counts);
        Assert.Equal(new CampaignCredits(2000, 0), done.Credits);
        Assert.Equal(500, (await _api.WalletAsync(tenant)).Balance);
        Assert.Equal(2000, (await _api.SandboxAsync(submitted.CampaignId)).Count);

        var failed = await _api.HistoryAsync(tenant, submitted.CampaignId, "failed");
        Assert.Equal(2000, failed.Count);
        Assert.All(failed, f => Assert.True(f.Batch >= 3 && f.FailureCode == FailureCodes.InsufficientCredits, $"{f.Id} {f.FailureCode}"));
        var ledger = await _api.AssertLedgerSumsAsync(tenant);
        Assert.Equal(["adjust:seed", $"charge:{submitted.CampaignId}-00001", $"charge:{submitted.CampaignId}-00002"], ledger.Select(e => e.OperationId));
    }

    [Fact]
    public async Task Friendtalk_to_4000_with_3999_credits_sends_nothing_and_fails_the_campaign()
    {
        var tenant = await _api.NewTenantAsync(3999);

        var submitted = await _api.SubmitAsync(tenant, Campaign("friendTalk", CrmApi.Phones(4000), "(광고) 겨울 신상품 안내 무료거부 080-123-4567", new { kind = "advertising", nightPolicy = "skip" }));
        var done = await _api.WaitUntilFinishedAsync(tenant, submitted.CampaignId);

        Assert.Equal(CampaignStatus.Failed, done.Status);
        Assert.Contains("4,000", done.FailureReason);
        Assert.Equal(0, done.Counts.Sent);
        Assert.Empty(await _api.SandboxAsync(submitted.CampaignId));
        Assert.Equal(3999, (await _api.WalletAsync(tenant)).Balance);
        await _api.AssertLedgerSumsAsync(tenant);
    }

    [Fact]
    public async Task Alimtalk_to_1000_with_100_non_kakao_users_falls_back_to_100_sms_charged_separately()
    {
        var tenant = await _api.NewTenantAsync(5000, "alimTalk");
        var notKakao = Enumerable.Range(100_000, 1000).Where(i => i % 10 == 3).Select(CrmApi.Phone).ToHashSet();
        await _api.RulesAsync(new SandboxRules { NotKakaoUsers = notKakao });
        try
        {
            var submitted = await _api.SubmitAsync(tenant, Campaign("alimTalk", CrmApi.Phones(1000, 100_000), "[테스트상점] 주문하신 상품이 발송되었습니다.", new { templateCode = "ORDER_SHIPPED" }));
            var done = await _api.WaitUntilFinishedAsync(tenant, submitted.CampaignId);

            Assert.Equal(new CampaignCounts(1000, 0, 1000, 0, 0, 100), done.Counts);
            Assert.Equal(new CampaignCredits(1100, 100), done.Credits);
            Assert.Equal(5000 - 1000, (await _api.WalletAsync(tenant)).Balance);

            var sandbox = await _api.SandboxAsync(submitted.CampaignId);
            Assert.Equal(900, sandbox.Count(m => m.Channel == Channel.AlimTalk && m.FinalCode == "4000"));
            Assert.Equal(notKakao.Order(), sandbox.Where(m => m.Channel == Channel.Sms).Select(m => m.To).Order());

            var history = await _api.HistoryAsync(tenant, submitted.CampaignId);
            var fallbacks = history.Where(h => h.FallbackFor is not null).ToList();
            Assert.Equal(100, fallbacks.Count);
            Assert.All(fallbacks, f =>
            {
                var original = history.Single(h => h.Id == f.FallbackFor);
                Assert.Equal((Channel.AlimTalk, OutcomeStatus.Failed, "3107", 1L), (original.Channel, original.Status, original.FailureCode, original.CreditsRefunded));
                Assert.Equal((Channel.Sms, OutcomeStatus.Sent, original.Phone, 1L, 0L), (f.Channel, f.Status, f.Phone, f.CreditsCharged, f.CreditsRefunded));
            });

            var ledger = await _api.AssertLedgerSumsAsync(tenant);
            Assert.Equal(-100, ledger.Single(e => e.OperationId.EndsWith(":fallback", StringComparison.Ordinal)).Amount);
            Assert.Equal(100, ledger.Single(e => e.OperationId.EndsWith(":send", StringComparison.Ordinal)).Amount);
        }
        finally
        {
            await _api.RulesAsync(new SandboxRules());
        }
    }

    [Fact]
    public async Task A_fallback_that_fails_is_refunded_and_never_retried()
    {
        var tenant = await _api.NewTenantAsync(1000, "alimTalk");
        var dead = CrmApi.Phone(200_001);
        await _api.RulesAsync(new SandboxRules { NotKakaoUsers = [dead], InvalidNumbers = [dead] });
        try
        {
            var submitted = await _api.SubmitAsync(tenant, Campaign("alimTalk", CrmApi.Phones(3, 200_000), "배송 안내", new { templateCode = "SHIPPING" }));
            var done = await _api.WaitUntilFinishedAsync(tenant, submitted.CampaignId);

            Assert.Equal(new CampaignCounts(3, 0, 2, 1, 0, 0), done.Counts);
            Assert.Equal(new CampaignCredits(4, 2), done.Credits);
            Assert.Equal(1000 - 2, (await _api.WalletAsync(tenant)).Balance);
            Assert.Single(await _api.SandboxAsync(submitted.CampaignId), m => m.Channel == Channel.Sms);
            await _api.AssertLedgerSumsAsync(tenant);
        }
        finally
        {
            await _api.RulesAsync(new SandboxRules());
        }
    }

    [Fact]
    public async Task Wide_friendtalk_has_no_fallback_and_its_failures_are_refunded()
    {
        var tenant = await _api.NewTenantAsync(1000, "friendTalk");
        var notKakao = CrmApi.Phone(300_000);
        await _api.RulesAsync(new SandboxRules { NotKakaoUsers = [notKakao] });
        try
        {
            var submitted = await _api.SubmitAsync(tenant, Campaign("friendTalk", CrmApi.Phones(2, 300_000), "(광고) 신상품 080-123-4567", new { kind = "advertising", friendTalkType = "wide", imageId = "img-wide-1", nightPolicy = "skip" }));
            var done = await _api.WaitUntilFinishedAsync(tenant, submitted.CampaignId);

            Assert.Equal(new CampaignCounts(2, 0, 1, 1, 0, 0), done.Counts);
            Assert.Equal(new CampaignCredits(6, 3), done.Credits);
            Assert.DoesNotContain(await _api.SandboxAsync(submitted.CampaignId), m => m.Channel is Channel.Sms or Channel.Lms);
            Assert.Equal(1000 - 3, (await _api.WalletAsync(tenant)).Balance);
            await _api.AssertLedgerSumsAsync(tenant);
        }
        finally
        {
            await _api.RulesAsync(new SandboxRules());
        }
    }

    [Fact]
    public async Task A_scheduled_campaign_can_be_cancelled_once_and_nothing_is_sent_or_charged()
    {
        var tenant = await _api.NewTenantAsync(100);
        var submitted = await _api.SubmitAsync(tenant, Campaign("sms", CrmApi.Phones(10), extra: new { sendAt = DateTimeOffset.UtcNow.AddHours(2) }));

        var cancel = await _api.Http.PostAsync($"tenants/{tenant}/campaigns/{submitted.CampaignId}/cancel", null, TestContext.Current.CancellationToken);
        var again = await _api.Http.PostAsync($"tenants/{tenant}/campaigns/{submitted.CampaignId}/cancel", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal(CampaignStatus.Cancelled, (await cancel.Content.ReadFromJsonAsync<CampaignView>(Crm.Core.Common.CrmJson.Options, TestContext.Current.CancellationToken))!.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(100, (await _api.WalletAsync(tenant)).Balance);
    }

    [Fact]
    public async Task A_card_top_up_is_paid_once_per_idempotency_key_and_a_declined_card_is_a_402()
    {
        var tenant = await _api.NewTenantAsync(0);
        async Task<HttpResponseMessage> TopUp(string key, string card)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"tenants/{tenant}/wallet/top-ups") { Content = JsonContent.Create(new { packageCredits = 2500, cardToken = card }) };
            request.Headers.Add("Idempotency-Key", key);
            return await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.OK, (await TopUp("k1", "card-ok")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TopUp("k1", "card-ok")).StatusCode);
        Assert.Equal(HttpStatusCode.PaymentRequired, (await TopUp("k2", "decline-card")).StatusCode);

        Assert.Equal(2500, (await _api.WalletAsync(tenant)).Balance);
        Assert.Single(await _api.AssertLedgerSumsAsync(tenant));
    }

    [Theory]
    [InlineData("{\"packageCredits\":1000,\"cardToken\":\"c\"}", "packageCredits")]
    [InlineData("{\"packageCredits\":500}", "cardToken")]
    public async Task Bad_top_ups_are_400_problems_naming_the_field(string body, string field)
    {
        var tenant = await _api.NewTenantAsync(0);
        var request = new HttpRequestMessage(HttpMethod.Post, $"tenants/{tenant}/wallet/top-ups") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "k");

        var response = await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
