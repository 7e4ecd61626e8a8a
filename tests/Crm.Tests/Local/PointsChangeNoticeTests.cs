using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Rewards;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>R2: every change is announced, in batches: one campaign per tenant per tick, one notice per customer.</summary>
public sealed class PointsChangeNoticeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Changes_in_one_tick_become_one_campaign_with_one_notice_per_customer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100);
        await services.GetRequiredService<PointsPolicyService>().SaveAsync(
            tenant, new PointsPolicySettings(365, new DateOnly(2027, 1, 31), ExpiryCycle.Monthly, 0, ChangeNotices: true, ChangeNoticeTemplate: "POINTS_CHANGE"), ct);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [new Customer { Phone = "01044000001", Name = "박둘" }], ct);
        var points = services.GetRequiredService<PointsService>();
        await points.GrantAsync(tenant, "01044000001", new PointsChange("order-1", 1000, PointsReason.Purchase), ct);
        await points.DeductAsync(tenant, "01044000001", new PointsChange("checkout-1", 300), ct);
        await points.GrantAsync(tenant, "01044000002", new PointsChange("review-1", 500, PointsReason.Review), ct);
        await points.GrantAsync(tenant, "01044000002", new PointsChange("review-1", 500, PointsReason.Review), ct); // a repeat: no second notice

        var notifier = services.GetRequiredService<PointsChangeNotifier>();
        Assert.True(await notifier.RunAsync(ct) >= 2);
        await notifier.RunAsync(ct); // the next tick finds nothing new for this tenant

        var campaign = Assert.Single((await services.GetRequiredService<ICampaignStore>().ListAsync(tenant, null, 50, ct)).Items);
        Assert.Equal(("POINTS_CHANGE", 2), (campaign.TemplateCode, campaign.RecipientCount));
        var recipients = (await services.GetRequiredService<ICampaignStore>().ReadRecipientsAsync(tenant, campaign.CampaignId, ct).ToListAsync(ct)).SelectMany(c => c).ToList();
        var first = recipients.Single(r => r.Phone == "01044000001").Variables!;
        Assert.Equal(("박둘", "700", "적립", "700"), (first["name"], first["change"], first["reason"], first["balance"]));
        Assert.Equal("500", recipients.Single(r => r.Phone == "01044000002").Variables!["balance"]);
    }
}
