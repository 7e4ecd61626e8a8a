using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Local;

/// <summary>C4 at dispatch, with the clock at 22:00 in Seoul.</summary>
public sealed class NightRuleDispatchTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset TenPmSeoul = new(2026, 11, 23, 22, 0, 0, TimeSpan.FromHours(9));

    private static async Task<(ServiceProvider Services, FakeTimeProvider Time, string Tenant)> SetUpAsync(AzuriteFixture azurite)
    {
        var time = new FakeTimeProvider(TenPmSeoul);
        var services = CrmServices.Create(azurite, time);
        var tenant = await services.NewTenantAsync(100);
        return (services, time, tenant);
    }

    private static CampaignSubmission Advertising(NightPolicy policy) => new()
    {
        Channel = Channel.Sms,
        Kind = CampaignKind.Advertising,
        SenderNumber = "02-1234-5678",
        Content = "(광고) 오늘만 할인 무료거부 080-123-4567",
        NightPolicy = policy,
        Recipients = [new("010-1000-0001", null, NightConsent: true), new("010-1000-0002", null), new("010-1000-0003", null)],
    };

    [Fact]
    public async Task Skip_sends_to_night_consenters_and_records_the_others_as_skipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, _, tenant) = await SetUpAsync(azurite);
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, Advertising(NightPolicy.Skip), ct)).Campaign;

        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);

        var dispatched = (await services.GetRequiredService<ICampaignStore>().GetAsync(tenant, campaign.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Sending, 1, 1, 2), (dispatched.Status, dispatched.BatchCount, dispatched.Batched, dispatched.NotSent));
        var skipped = await services.GetRequiredService<IOutcomeStore>().ListAsync(new BatchRef(tenant, campaign.CampaignId, CampaignDispatcher.SkippedBatchNumber), ct);
        Assert.Equal(["01010000002", "01010000003"], skipped.Select(s => s.Phone));
        Assert.All(skipped, s => Assert.Equal((OutcomeStatus.Skipped, FailureCodes.NightRestricted), (s.Status, s.FailureCode)));
        Assert.Equal(99, (await services.GetRequiredService<WalletService>().GetAsync(tenant, ct)).Balance);
    }

    [Fact]
    public async Task Hold_waits_until_08_00_seoul_time_and_then_sends_to_everyone()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, time, tenant) = await SetUpAsync(azurite);
        var campaigns = services.GetRequiredService<ICampaignStore>();
        var dispatcher = services.GetRequiredService<CampaignDispatcher>();
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, Advertising(NightPolicy.Hold), ct)).Campaign;

        await dispatcher.DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
        var held = (await campaigns.GetAsync(tenant, campaign.CampaignId, ct))!;
        var morning = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(9));
        Assert.Equal((CampaignStatus.Scheduled, morning), (held.Status, held.HeldUntil));
        Assert.DoesNotContain(await campaigns.ListDueAsync(morning.AddMinutes(-1), ct), d => d.CampaignId == campaign.CampaignId);
        Assert.Contains(await campaigns.ListDueAsync(morning, ct), d => d.CampaignId == campaign.CampaignId);

        // A redelivered dispatch during the night changes nothing.
        await dispatcher.DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
        Assert.Equal(CampaignStatus.Scheduled, (await campaigns.GetAsync(tenant, campaign.CampaignId, ct))!.Status);

        time.SetUtcNow(morning);
        await dispatcher.DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
        var sent = (await campaigns.GetAsync(tenant, campaign.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Sending, 3, 0), (sent.Status, sent.Batched, sent.NotSent));
        Assert.DoesNotContain(await campaigns.ListDueAsync(morning, ct), d => d.CampaignId == campaign.CampaignId);
    }
}
