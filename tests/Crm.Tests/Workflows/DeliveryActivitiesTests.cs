using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Workflows;

/// <summary>
/// The activities called one by one, in the orders that races and crashes produce, against the real
/// stores on Azurite and the sandbox provider: what went out, what the outcomes say, what was refunded.
/// </summary>
public sealed class DeliveryActivitiesTests(AzuriteFixture azurite)
{
    // Noon in Seoul: advertising is sent at once (G2's night rule does not hold it).
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Phone(int i) => $"010500{i:D5}";

    private static async Task<(string Tenant, BatchRef Batch)> DispatchAsync(IServiceProvider services, Channel channel, CampaignKind kind, int recipients, params Channel[] fallback)
    {
        var tenant = await services.NewTenantAsync(100, fallback);
        var submission = new CampaignSubmission
        {
            Channel = channel,
            Kind = kind,
            TemplateCode = channel == Channel.AlimTalk ? "TPL_BOOKING" : null,
            SenderNumber = "0212345678",
            Content = kind == CampaignKind.Advertising ? "(광고) 겨울 신상품 안내 무료거부 080-123-4567" : "예약이 확정되었습니다",
            Recipients = Enumerable.Range(0, recipients).Select(i => new RecipientSubmission(Phone(i), null)).ToList(),
        };
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, submission, Ct)).Campaign;
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), Ct);
        return (tenant, new BatchRef(tenant, campaign.CampaignId, 1));
    }

    private static Task OptOutAsync(IServiceProvider services, string tenant, int recipient) =>
        services.GetRequiredService<OptOutService>().RecordAsync(tenant, Phone(recipient), OptOutService.SourceApi, Ct);

    [Fact]
    public async Task A_send_that_failed_as_a_whole_withholds_whoever_opted_out_and_the_fallback_skips_whoever_opts_out_later()
    {
        using var services = CrmServices.Create(azurite, new FakeTimeProvider(Noon));
        var delivery = services.GetRequiredService<DeliveryActivities>();
        var (tenant, batch) = await DispatchAsync(services, Channel.FriendTalk, CampaignKind.Advertising, 4, Channel.FriendTalk);
        var send = new BatchStep(batch, SendStep.Send);
        await OptOutAsync(services, tenant, 1); // after the batch was cut (G4)
        var group = (await delivery.PrepareSendAsync(send, Ct)).GroupId!;

        // Every send attempt failed (Solapi refused the request): nothing went out.
        var failed = await delivery.RecordBatchFailureAsync(new BatchFailure(batch, "Solapi refused the request", SendStep.Send), Ct);

        Assert.Equal((0, 3, 1, 4L, 4L, 3), (failed.Sent, failed.Failed, failed.NotSent, failed.Charged, failed.Refunded, failed.FallbackEligible));
        var outcomes = (await services.GetRequiredService<IOutcomeStore>().GetAsync(batch, Ct)).Of(SendStep.Send).ToDictionary(o => o.Index);
        Assert.Equal((OutcomeStatus.Skipped, FailureCodes.OptedOut, false), (outcomes[1].Status, outcomes[1].FailureCode, outcomes[1].FallbackEligible));

        // The group was discarded before that was recorded: an attempt still in flight sends nothing.
        var late = await services.GetRequiredService<IMessageProvider>().SendGroupAsync(group,
            new ProviderSendRequest(tenant, batch.CampaignId, Channel.FriendTalk, "0212345678", null, [new ProviderMessage(send.Reference(0), Phone(0), "(광고) …")]), Ct);
        Assert.False(late.Sent);

        // Recipient 2 opts out while the fallback is prepared: the SMS goes to 0 and 3 only, and only they are charged for it.
        await OptOutAsync(services, tenant, 2);
        var fallbackGroup = (await delivery.PrepareSendAsync(new BatchStep(batch, SendStep.Fallback), Ct)).GroupId!;
        var fallback = await delivery.SendFallbackAsync(new GroupSend(batch, fallbackGroup), Ct);

        Assert.Equal(2L, fallback.Charged);
        Assert.Equal([Phone(0), Phone(3)], (await services.SentAsync(batch.CampaignId)).Select(m => m.To).Order());
    }

    [Fact]
    public async Task A_cancelled_campaigns_failed_send_is_recorded_not_sent_with_no_fallback()
    {
        using var services = CrmServices.Create(azurite, new FakeTimeProvider(Noon));
        var delivery = services.GetRequiredService<DeliveryActivities>();
        var (tenant, batch) = await DispatchAsync(services, Channel.AlimTalk, CampaignKind.Informational, 3, Channel.AlimTalk);
        await delivery.PrepareSendAsync(new BatchStep(batch, SendStep.Send), Ct);
        await services.GetRequiredService<CampaignService>().CancelAsync(tenant, batch.CampaignId, Ct);

        var failed = await delivery.RecordBatchFailureAsync(new BatchFailure(batch, "Solapi answered 503 five times", SendStep.Send), Ct);

        Assert.Equal((0, 0, 3, 3L, 0), (failed.Sent, failed.Failed, failed.NotSent, failed.Refunded, failed.FallbackEligible));
        Assert.All((await services.GetRequiredService<IOutcomeStore>().GetAsync(batch, Ct)).Outcomes, o => Assert.Equal(OutcomeStatus.Cancelled, o.Status));
    }

    [Fact]
    public async Task A_cancel_after_an_attempt_sent_the_group_records_what_went_out_and_refunds_nothing()
    {
        using var services = CrmServices.Create(azurite, new FakeTimeProvider(Noon));
        var delivery = services.GetRequiredService<DeliveryActivities>();
        var (tenant, batch) = await DispatchAsync(services, Channel.Sms, CampaignKind.Informational, 3);
        var group = (await delivery.PrepareSendAsync(new BatchStep(batch, SendStep.Send), Ct)).GroupId!;
        services.GetRequiredService<SandboxProvider>().Rules = new SandboxRules { LostAnswers = 1 };
        await Assert.ThrowsAsync<TransientProviderException>(() => delivery.SendBatchAsync(new GroupSend(batch, group), Ct)); // sent, answer lost

        await services.GetRequiredService<CampaignService>().CancelAsync(tenant, batch.CampaignId, Ct);
        var retried = await delivery.SendBatchAsync(new GroupSend(batch, group), Ct);

        Assert.Equal((3, 0, 0L), (retried.Sent + retried.Pending, retried.NotSent, retried.Refunded));
        Assert.Equal(3, (await services.SentAsync(batch.CampaignId)).Count);
    }

    [Fact]
    public async Task The_reconciliation_leaves_a_batch_its_workflow_claimed_meanwhile_unless_the_workflow_ended()
    {
        using var services = CrmServices.Create(azurite, new FakeTimeProvider(Noon));
        var delivery = services.GetRequiredService<DeliveryActivities>();
        var wallet = services.GetRequiredService<WalletService>();
        var (tenant, batch) = await DispatchAsync(services, Channel.Sms, CampaignKind.Informational, 5);

        // The reconciliation found no workflow (30 minutes on), but before it could claim the batch the late workflow did.
        var group = (await delivery.PrepareSendAsync(new BatchStep(batch, SendStep.Send), Ct)).GroupId!;
        Assert.Null(await delivery.SettleAsync(batch, "never started", workflowEnded: false, Ct));
        Assert.Equal(95, (await wallet.GetAsync(tenant, Ct)).Balance);
        Assert.Empty((await services.GetRequiredService<IOutcomeStore>().GetAsync(batch, Ct)).Outcomes);

        // The workflow sends, then fails for good: now the claim it holds is the reconciliation's to settle, from what the provider holds.
        var sent = await delivery.SendBatchAsync(new GroupSend(batch, group), Ct);
        var settled = await delivery.SettleAsync(batch, "The delivery workflow failed", workflowEnded: true, Ct);

        Assert.Equal(5, sent.Sent + sent.Pending);
        Assert.Equal((5, 0, 0L), (settled!.Sent, settled.Failed, settled.Refunded));
        Assert.Equal(95, (await wallet.GetAsync(tenant, Ct)).Balance);
    }

    [Fact]
    public async Task A_late_workflow_completing_a_batch_the_reconciliation_claimed_leaves_the_campaign_to_the_settlement()
    {
        using var services = CrmServices.Create(azurite, new FakeTimeProvider(Noon));
        var delivery = services.GetRequiredService<DeliveryActivities>();
        var campaigns = services.GetRequiredService<ICampaignStore>();
        var (tenant, batch) = await DispatchAsync(services, Channel.Sms, CampaignKind.Informational, 5);

        // The settlement has claimed the batch and not yet written its outcomes when the workflow reaches CompleteBatch.
        await services.GetRequiredService<IOutcomeStore>().UpdateAsync(batch, r => (r with { Claim = BatchClaim.Settle }, 0), Ct);
        Assert.Null((await delivery.PrepareSendAsync(new BatchStep(batch, SendStep.Send), Ct)).GroupId);
        await delivery.CompleteBatchAsync(batch, Ct);

        Assert.Equal((CampaignStatus.Sending, 0), ((await campaigns.GetAsync(tenant, batch.CampaignId, Ct))!.Status, (await campaigns.GetAsync(tenant, batch.CampaignId, Ct))!.BatchesCompleted));
        var settled = await delivery.SettleAsync(batch, "never started", workflowEnded: false, Ct);
        var campaign = (await campaigns.GetAsync(tenant, batch.CampaignId, Ct))!;
        Assert.Equal((CampaignStatus.Failed, 5, "never started"), (campaign.Status, campaign.Failed, campaign.FailureReason));
        Assert.Equal(5L, settled!.Refunded);
    }
}
