using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Rewards;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>R2: every change is announced, in batches: one campaign per tenant per tick, one notice per change.</summary>
public sealed class PointsChangeNoticeTests(AzuriteFixture azurite)
{
    private static async Task<(ServiceProvider Services, string Tenant)> SetUpAsync(AzuriteFixture azurite)
    {
        var ct = TestContext.Current.CancellationToken;
        var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100);
        await services.GetRequiredService<PointsPolicyService>().SaveAsync(
            tenant, new PointsPolicySettings(365, new DateOnly(2027, 1, 31), ExpiryCycle.Monthly, 0, ChangeNotices: true, ChangeNoticeTemplate: "POINTS_CHANGE"), ct);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [new Customer { Phone = "01044000001", Name = "박둘" }], ct);
        return (services, tenant);
    }

    // Every notice the tenant's campaigns carry, in registration order: (phone, change, reason, balance).
    private static async Task<List<(string Phone, string Change, string Reason, string Balance)>> NoticesAsync(IServiceProvider services, string tenant)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = services.GetRequiredService<ICampaignStore>();
        var notices = new List<(string, string, string, string)>();
        foreach (var campaign in (await store.ListAsync(tenant, null, 50, ct)).Items)
        {
            Assert.Equal("POINTS_CHANGE", campaign.TemplateCode);
            foreach (var r in (await store.ReadRecipientsAsync(tenant, campaign.CampaignId, ct).ToListAsync(ct)).SelectMany(c => c))
            {
                notices.Add((r.Phone, r.Variables!["change"], r.Variables["reason"], r.Variables["balance"]));
            }
        }

        return notices;
    }

    [Fact]
    public async Task Changes_of_several_customers_in_one_tick_become_one_campaign_with_one_notice_per_customer()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var points = services.GetRequiredService<PointsService>();
        await points.GrantAsync(tenant, "01044000001", new PointsChange("order-1", 1000, PointsReason.Purchase), ct);
        await points.GrantAsync(tenant, "01044000002", new PointsChange("review-1", 500, PointsReason.Review), ct);
        await points.GrantAsync(tenant, "01044000002", new PointsChange("review-1", 500, PointsReason.Review), ct); // a repeat: no second notice

        var notifier = services.GetRequiredService<PointsChangeNotifier>();
        Assert.True(await notifier.RunAsync(ct) >= 2);
        await notifier.RunAsync(ct); // the next tick finds nothing new for this tenant

        var campaign = Assert.Single((await services.GetRequiredService<ICampaignStore>().ListAsync(tenant, null, 50, ct)).Items);
        Assert.Equal(2, campaign.RecipientCount);
        var recipients = (await services.GetRequiredService<ICampaignStore>().ReadRecipientsAsync(tenant, campaign.CampaignId, ct).ToListAsync(ct)).SelectMany(c => c).ToList();
        var first = recipients.Single(r => r.Phone == "01044000001").Variables!;
        Assert.Equal(("박둘", "1,000", "적립", "1,000"), (first["name"], first["change"], first["reason"], first["balance"]));
        Assert.Equal("500", recipients.Single(r => r.Phone == "01044000002").Variables!["balance"]);
    }

    [Fact]
    public async Task A_grant_and_a_deduction_in_one_tick_are_two_notices_never_their_net()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var points = services.GetRequiredService<PointsService>();
        await points.GrantAsync(tenant, "01044000001", new PointsChange("order-1", 300, PointsReason.Purchase), ct);
        await points.DeductAsync(tenant, "01044000001", new PointsChange("checkout-1", 100), ct);
        await points.GrantAsync(tenant, "01044000002", new PointsChange("review-1", 500, PointsReason.Review), ct);

        var notifier = services.GetRequiredService<PointsChangeNotifier>();
        Assert.True(await notifier.RunAsync(ct) >= 2);
        await notifier.RunAsync(ct); // the next tick finds nothing new for this tenant

        // Seed 001: a grant notice and a deduction notice, each with the balance it left; "200 granted" never happened.
        Assert.Equal(
            [("01044000001", "100", "사용", "200"), ("01044000001", "300", "적립", "300"), ("01044000002", "500", "적립", "500")],
            (await NoticesAsync(services, tenant)).OrderBy(n => n.Phone, StringComparer.Ordinal).ThenBy(n => n.Change, StringComparer.Ordinal));
    }
}
