using Crm.Core.Campaigns;
using Crm.Core.Delivery;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Local;

/// <summary>The every-minute sweep of due entries, and the entries a killed submission leaves behind.</summary>
public sealed class DueCampaignSweepTests(AzuriteFixture azurite)
{
    // The sweep reads the one due index of the shared Azurite: a clock years before every other
    // test's entries keeps it to this test's own.
    private static readonly DateTimeOffset Start = new(2001, 2, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_due_entry_whose_campaign_was_never_stored_is_removed_after_the_grace_period_and_a_stored_one_stays()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Start);
        using var services = CrmServices.Create(azurite, time);
        var tenant = await services.NewTenantAsync(100);
        var store = services.GetRequiredService<ICampaignStore>();
        var sweep = services.GetRequiredService<DueCampaignSweep>();

        // What a submission killed between its due entry and its campaign leaves, beside a campaign
        // stored whole whose dispatch has not run yet.
        var orphan = new DueCampaign(tenant, Ids.Campaign(), Start);
        await store.AddDueAsync(orphan, ct);
        var stored = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            Content = "주문이 접수되었습니다",
            Recipients = [new("010-4000-0001", null)],
        }, ct)).Campaign;

        time.Advance(TimeSpan.FromMinutes(1));
        var withinGrace = await sweep.RunAsync(ct);
        time.Advance(DueCampaignSweep.OrphanAfter);
        var afterGrace = await sweep.RunAsync(ct);

        Assert.Equal((2, 1), (withinGrace, afterGrace));
        var left = await store.ListDueAsync(time.GetUtcNow(), ct);
        Assert.DoesNotContain(left, d => d.CampaignId == orphan.CampaignId);
        Assert.Contains(left, d => d.CampaignId == stored.CampaignId);
    }
}
