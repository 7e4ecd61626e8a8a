using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Workflows;

/// <summary>
/// No batch stays "sending" forever: the ReconcileBatches timer settles a batch whose workflow
/// failed, or that never got one, on Crm.Local's engine (the Durable Task Framework on Azurite).
/// The clock is the test's, so the reconciliation runs for the test's tenant only: the shared
/// Azurite holds other tests' sending campaigns, which that clock would make look long lost.
/// </summary>
public sealed class BatchReconcilerTests(AzuriteFixture azurite)
{
    private static async Task<Campaign> DispatchAsync(IServiceProvider services, string tenant, int recipients)
    {
        var ct = TestContext.Current.CancellationToken;
        var submission = new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            Content = "예약이 확정되었습니다",
            Recipients = Enumerable.Range(0, recipients).Select(i => new RecipientSubmission($"010400{i:D5}", null)).ToList(),
        };
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, submission, ct)).Campaign;
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
        return campaign;
    }

    private static async Task AssertLedgerBalancedAsync(IServiceProvider services, string tenant, long expectedBalance)
    {
        var wallet = services.GetRequiredService<WalletService>();
        var balance = (await wallet.GetAsync(tenant, TestContext.Current.CancellationToken)).Balance;
        var ledger = await wallet.ListLedgerAsync(tenant, 0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(expectedBalance, balance);
        Assert.Equal(balance, ledger.Sum(e => e.Amount));
    }

    [Fact]
    public async Task A_batch_whose_workflow_failed_is_settled_once_its_reason_kept_on_the_campaign_which_completes()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = CrmServices.Create(azurite, time);
        var tenant = await services.NewTenantAsync(2000);
        services.GetRequiredService<SandboxProvider>().Rules = new SandboxRules { InvalidNumbers = ["01040001001"] };
        var campaign = await DispatchAsync(services, tenant, 1200);
        var engine = services.GetRequiredService<Crm.Local.Durable.DurableEngine>();

        // Fail batch 2's workflow on purpose: its CompleteBatch fails for good (after send and refund ran).
        var failed = new BatchRef(tenant, campaign.CampaignId, 2);
        engine.Worker.AddActivityDispatcherMiddleware((context, next) =>
        {
            var scheduled = context.GetProperty<TaskScheduledEvent>();
            if (scheduled.Name != FunctionCatalog.CompleteBatch || context.GetProperty<OrchestrationInstance>().InstanceId != failed.BatchId)
            {
                return next();
            }

            var failure = new PermanentDeliveryException("Simulated: the completion could not be stored.");
            context.SetProperty(new ActivityExecutionResult { ResponseEvent = new TaskFailedEvent(-1, scheduled.EventId, failure.Message, null, new FailureDetails(failure)) });
            return Task.CompletedTask;
        });
        await services.StartEngineAsync();
        var batches = new[] { new BatchRef(tenant, campaign.CampaignId, 1), failed };
        foreach (var batch in batches)
        {
            await engine.Workflows.StartAsync(batch, ct);
        }

        Assert.Equal(OrchestrationStatus.Completed, (await engine.WaitAsync(batches[0])).OrchestrationStatus);
        Assert.Equal(OrchestrationStatus.Failed, (await engine.WaitAsync(failed)).OrchestrationStatus);
        var campaigns = services.GetRequiredService<ICampaignStore>();
        Assert.Equal(CampaignStatus.Sending, (await campaigns.GetAsync(tenant, campaign.CampaignId, ct))!.Status);

        var reconciler = services.GetRequiredService<BatchReconciler>();
        Assert.Equal(0, await reconciler.RunAsync(engine.Workflows, tenant, ct)); // not due yet
        time.Advance(BatchReconciler.CheckInterval);
        Assert.Equal(1, await reconciler.RunAsync(engine.Workflows, tenant, ct));
        time.Advance(BatchReconciler.CheckInterval);
        Assert.Equal(0, await reconciler.RunAsync(engine.Workflows, tenant, ct)); // settled once, and no longer checked

        var done = (await campaigns.GetAsync(tenant, campaign.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Completed, 1199, 1, 1200L, 1L), (done.Status, done.Sent, done.Failed, done.CreditsCharged, done.CreditsRefunded));
        Assert.Contains("batch 2 failed", done.FailureReason);
        Assert.Contains("could not be stored", done.FailureReason);
        Assert.Empty(await campaigns.ListChecksAsync(time.GetUtcNow().AddDays(1), 100, tenant, ct));
        Assert.Equal(1200, (await services.SentAsync(campaign.CampaignId)).Count);
        await AssertLedgerBalancedAsync(services, tenant, 2000 - 1200 + 1);
    }

    [Fact]
    public async Task A_batch_whose_workflow_never_started_is_settled_and_refunded_after_30_minutes_and_never_sent_later()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = CrmServices.Create(azurite, time);
        var tenant = await services.NewTenantAsync(100);
        var campaign = await DispatchAsync(services, tenant, 30);
        var batch = new BatchRef(tenant, campaign.CampaignId, 1);
        var engine = await services.StartEngineAsync();
        var reconciler = services.GetRequiredService<BatchReconciler>();

        // Its queue message is lost: no workflow. Ten minutes on, that is no proof yet.
        time.Advance(BatchReconciler.CheckInterval);
        Assert.Equal(0, await reconciler.RunAsync(engine.Workflows, tenant, ct));
        time.Advance(BatchReconciler.VanishedAfter);
        Assert.Equal(1, await reconciler.RunAsync(engine.Workflows, tenant, ct));

        var campaigns = services.GetRequiredService<ICampaignStore>();
        var settled = (await campaigns.GetAsync(tenant, campaign.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Failed, 0, 30, 30L, 30L), (settled.Status, settled.Sent, settled.Failed, settled.CreditsCharged, settled.CreditsRefunded));
        Assert.Contains("never started", settled.FailureReason);
        var history = await services.GetRequiredService<IOutcomeStore>().ListAsync(batch, ct);
        Assert.All(history, o => Assert.Equal((OutcomeStatus.Failed, FailureCodes.WorkflowFailed, 1L), (o.Status, o.FailureCode, o.CreditsRefunded)));
        await AssertLedgerBalancedAsync(services, tenant, 100);

        // The lost message turns up after all: the settled batch is not sent, charged or counted again.
        await engine.Workflows.StartAsync(batch, ct);
        Assert.Equal(OrchestrationStatus.Completed, (await engine.WaitAsync(batch)).OrchestrationStatus);
        Assert.Empty((await services.SentAsync(campaign.CampaignId)));
        Assert.Equal(settled with { Version = null }, (await campaigns.GetAsync(tenant, campaign.CampaignId, ct))! with { Version = null });
        await AssertLedgerBalancedAsync(services, tenant, 100);
    }
}
