using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Local.Functions;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>G3 and G4: a group campaign is evaluated right before it sends; opt-outs hold at dispatch and again at send.</summary>
public sealed class GroupCampaignTests(AzuriteFixture azurite)
{
    private static Customer Vip(int i, bool consent = true) => new()
    {
        Phone = $"010{700_000 + i:D8}",
        Name = $"고객{i}",
        Grade = "VIP",
        MarketingConsent = consent,
        NightAdConsent = true,
    };

    private static async Task<(ServiceProvider Services, string Tenant)> SetUpAsync(AzuriteFixture azurite, params Customer[] customers)
    {
        var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, customers, TestContext.Current.CancellationToken);
        await services.GetRequiredService<GroupService>().SaveAsync(tenant, "vip", new GroupDefinition("VIP", "grade = 'VIP'"), TestContext.Current.CancellationToken);
        return (services, tenant);
    }

    private static async Task<Campaign> SendToGroupAsync(IServiceProvider services, string tenant, CampaignKind kind, Func<Task>? afterDispatch = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var submission = new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = kind,
            SenderNumber = "0212345678",
            GroupId = "vip",
            Content = kind == CampaignKind.Advertising ? "(광고) #{name}님 VIP 세일 080-123-4567" : "#{name}님, 등급이 유지되었습니다",
            NightPolicy = NightPolicy.Skip,
        };
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, submission, ct)).Campaign;
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
        if (afterDispatch is not null)
        {
            await afterDispatch();
        }

        var stored = (await services.GetRequiredService<ICampaignStore>().GetAsync(tenant, campaign.CampaignId, ct))!;
        for (var n = 1; n <= stored.BatchCount; n++)
        {
            var batch = new BatchRef(tenant, campaign.CampaignId, n);
            Assert.Equal(OrchestrationStatus.Completed, (await services.RunWorkflowAsync(batch)).OrchestrationStatus);
        }

        return (await services.GetRequiredService<ICampaignStore>().GetAsync(tenant, campaign.CampaignId, ct))!;
    }

    [Fact]
    public async Task A_customer_added_after_the_nightly_run_is_in_the_send_because_the_group_is_evaluated_at_send_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant) = await SetUpAsync(azurite, Vip(1), Vip(2), Vip(3));
        using var _ = services;
        await services.GetRequiredService<GroupExtractor>().ExtractAsync(tenant, ct);
        await services.GetRequiredService<ICustomerStore>().UpsertAsync(tenant, [Vip(4)], ct);

        var done = await SendToGroupAsync(services, tenant, CampaignKind.Informational);

        Assert.Equal((CampaignStatus.Completed, 4, 4), (done.Status, done.RecipientCount, done.Sent));
        var messages = (await services.SentAsync(done.CampaignId));
        Assert.Contains(messages, m => m.To == Vip(4).Phone && m.Text == "고객4님, 등급이 유지되었습니다");
    }

    [Fact]
    public async Task Advertising_to_a_group_skips_customers_without_consent_and_numbers_opted_out_before_dispatch()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant) = await SetUpAsync(azurite, Vip(1), Vip(2, consent: false), Vip(3));
        using var _ = services;
        await services.GetRequiredService<OptOutService>().RecordAsync(tenant, Vip(3).Phone, OptOutService.SourceApi, ct);

        var done = await SendToGroupAsync(services, tenant, CampaignKind.Advertising);

        Assert.Equal((2, 1, 1), (done.RecipientCount, done.Sent, done.NotSent));
        Assert.Equal([Vip(1).Phone], (await services.SentAsync(done.CampaignId)).Select(m => m.To));
        var skipped = await services.GetRequiredService<IOutcomeStore>().ListAsync(new BatchRef(tenant, done.CampaignId, CampaignDispatcher.SkippedBatchNumber), ct);
        Assert.Equal((Vip(3).Phone, FailureCodes.OptedOut, 0L), (skipped.Single().Phone, skipped.Single().FailureCode, skipped.Single().CreditsCharged));
        Assert.Equal(99, (await services.GetRequiredService<WalletService>().GetAsync(tenant, ct)).Balance);
    }

    [Fact]
    public async Task An_opt_out_recorded_after_the_batch_was_queued_is_still_honoured_and_refunded()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant) = await SetUpAsync(azurite, Vip(1), Vip(2), Vip(3));
        using var _ = services;

        var done = await SendToGroupAsync(services, tenant, CampaignKind.Advertising, () =>
            services.GetRequiredService<OptOutService>().RecordAsync(tenant, Vip(2).Phone, OptOutService.SourceApi, ct));

        Assert.Equal((3, 2, 1, 3L, 1L), (done.RecipientCount, done.Sent, done.NotSent, done.CreditsCharged, done.CreditsRefunded));
        Assert.DoesNotContain((await services.SentAsync(done.CampaignId)), m => m.To == Vip(2).Phone);
        Assert.Equal(98, (await services.GetRequiredService<WalletService>().GetAsync(tenant, ct)).Balance);
    }

    [Fact]
    public async Task A_campaign_to_a_group_saved_under_older_rules_fails_with_the_reason_instead_of_being_retried_forever()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant) = await SetUpAsync(azurite, Vip(1), Vip(2));
        using var _ = services;
        var submission = new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            GroupId = "vip",
            Content = "#{name}님, 등급이 유지되었습니다",
        };
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, submission, ct)).Campaign;

        // Accepted before dates were range-checked, written past the API's validation: it throws whenever it is evaluated.
        await services.GetRequiredService<IGroupStore>().SaveAsync(new Group { TenantId = tenant, GroupId = "vip", Name = "VIP", Condition = "lastOrderAt >= 0001-01-01" }, ct);
        var dispatcher = services.GetRequiredService<CampaignDispatcher>();
        await dispatcher.DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
        await dispatcher.DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct); // a duplicate message changes nothing

        var failed = (await services.GetRequiredService<ICampaignStore>().GetAsync(tenant, campaign.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Failed, 0, 0L), (failed.Status, failed.BatchCount, failed.CreditsCharged));
        Assert.Contains("The group 'vip' cannot be evaluated", failed.FailureReason);
        Assert.Contains("'0001-01-01' is out of range", failed.FailureReason);
        Assert.NotNull(failed.CompletedAt);
        Assert.DoesNotContain(await services.GetRequiredService<ICampaignStore>().ListDueAsync(DateTimeOffset.UtcNow.AddMinutes(1), ct), d => d.CampaignId == campaign.CampaignId);
        Assert.Equal(100, (await services.GetRequiredService<WalletService>().GetAsync(tenant, ct)).Balance);
    }
}
