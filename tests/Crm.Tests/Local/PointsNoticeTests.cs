using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Core.Rewards;
using Crm.Local.Functions;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Local;

/// <summary>R4: D-3 notices go to exactly the customers at or above the threshold, once, through the normal AlimTalk path.</summary>
public sealed class PointsNoticeTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    [Fact]
    public async Task Three_days_before_the_run_customers_at_or_above_the_threshold_get_one_alimtalk_each()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 10, 0, 0, Kst));
        using var services = CrmServices.Create(azurite, time);
        var tenant = await services.NewTenantAsync(100, Channel.AlimTalk);
        await services.GetRequiredService<PointsPolicyService>().SaveAsync(
            tenant, new PointsPolicySettings(365, new DateOnly(2026, 12, 1), ExpiryCycle.Monthly, 500, ExpiryNotices: true, ExpiryNoticeTemplate: "POINTS_EXPIRY"), ct);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [new Customer { Phone = "01043000001", Name = "김하나" }], ct);
        var points = services.GetRequiredService<PointsService>();
        var soon = new DateTimeOffset(2026, 11, 25, 0, 0, 0, Kst);
        await points.GrantAsync(tenant, "01043000001", new PointsChange("a", 1000, PointsReason.Purchase, ExpiresAt: soon), ct);           // 1,000 due: notice
        await points.GrantAsync(tenant, "01043000002", new PointsChange("b", 300, PointsReason.Purchase, ExpiresAt: soon), ct);            // below the threshold
        await points.GrantAsync(tenant, "01043000003", new PointsChange("c", 800, PointsReason.Purchase, ExpiresAt: soon.AddDays(20)), ct); // after the run
        await points.GrantAsync(tenant, "01043000004", new PointsChange("d", 600, PointsReason.Purchase, ExpiresAt: soon), ct);
        await points.DeductAsync(tenant, "01043000004", new PointsChange("d-use", 200), ct);                                                // 400 left: below
        services.GetRequiredService<SandboxProvider>().Rules = new SandboxRules { NotKakaoUsers = ["01043000001"] };

        time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 10, 0, 0, Kst)); // 4 days before: nothing yet
        Assert.Equal(0, await services.GetRequiredService<PointsExpiryNotifier>().NotifyTenantAsync(tenant, ct));

        time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 10, 0, 0, Kst)); // D-3
        Assert.Equal(1, await services.GetRequiredService<PointsExpiryNotifier>().NotifyTenantAsync(tenant, ct));
        Assert.Equal(0, await services.GetRequiredService<PointsExpiryNotifier>().NotifyTenantAsync(tenant, ct)); // once per run

        var notice = Assert.Single((await services.GetRequiredService<ICampaignStore>().ListAsync(tenant, null, 50, ct)).Items);
        Assert.Equal((Channel.AlimTalk, "POINTS_EXPIRY", 1), (notice.Channel, notice.TemplateCode, notice.RecipientCount));

        // Delivered like any AlimTalk: charged, and as SMS for a customer not on KakaoTalk (fallback on).
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, notice.CampaignId), ct);
        var batch = new BatchRef(tenant, notice.CampaignId, 1);
        Assert.Equal(OrchestrationStatus.Completed, (await services.RunWorkflowAsync(batch)).OrchestrationStatus);

        // The notice is longer than 90 bytes, so its fallback goes as LMS.
        var sms = Assert.Single((await services.SentAsync(notice.CampaignId)), m => m.Channel == Channel.Lms);
        Assert.Equal("[적립금 소멸 안내] 김하나님, 보유하신 적립금 중 1,000원이 2026년 12월 1일에 소멸될 예정입니다. 소멸된 적립금은 복구되지 않습니다.", sms.Text);
        Assert.Equal(100 - 1 - 3 + 1, (await services.GetRequiredService<WalletService>().GetAsync(tenant, ct)).Balance); // AlimTalk 1 refunded, LMS 3
    }

    [Fact]
    public async Task A_notice_campaign_may_be_larger_than_one_requests_recipient_limit()
    {
        // A tenant with half a million customers due gets one D-3 campaign; the 100,000 limit guards HTTP bodies only.
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = (await services.GetRequiredService<Crm.Core.Tenants.ITenantStore>().GetAsync(await services.NewTenantAsync(0), ct))!;
        var variables = new Dictionary<string, string> { ["name"] = "고객", ["amount"] = "1,000", ["date"] = "2026년 12월 1일" };
        var recipients = Enumerable.Range(10_000_000, CampaignRules.MaxRecipientsPerRequest + 1).Select(i => new RecipientSubmission($"010{i:D8}", variables)).ToList();
        var submission = PointsNotices.Campaign(tenant, "POINTS_EXPIRY", PointsNotices.ExpiryText, recipients);
        var campaigns = services.GetRequiredService<CampaignService>();

        var refused = await Assert.ThrowsAsync<CrmValidationException>(() => campaigns.SubmitAsync(tenant, submission, ct));
        Assert.Contains("recipients", refused.Errors.Keys);

        var campaign = await campaigns.SubmitOnceAsync(tenant, submission, CampaignIds.ForRun($"{tenant.TenantId}:points-expiry-notice", 1, DateTimeOffset.UtcNow), ct);
        Assert.Equal(CampaignRules.MaxRecipientsPerRequest + 1, campaign.RecipientCount);
    }
}
