using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>
/// D9 across processes on the Durable Task Framework: a host that stops between "send" and
/// "refund" leaves the workflow in the task hub; another host on the same hub (a fresh sandbox,
/// so any resend would show) finishes it by replaying the send from history, refunding once.
/// </summary>
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_workflow_whose_host_stops_after_send_is_finished_by_the_next_host_without_resending_and_refunds_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // Messages the stopping host had taken stay hidden for the visibility timeout: 10 s here, not host.json's minute.
        var hub = CrmServices.TestHub() with { ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10), WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10) };
        var invalid = new[] { "01020000003", "01020000007" };
        string tenant;
        BatchRef batch;

        // First host: submit, dispatch (charges 10), run the workflow until RefundBatch starts, then stop.
        using (var first = CrmServices.Create(azurite, hub: hub))
        {
            tenant = await first.NewTenantAsync(100);
            first.GetRequiredService<SandboxProvider>().Rules = new SandboxRules { InvalidNumbers = invalid };
            var submission = new CampaignSubmission
            {
                Channel = Channel.Sms,
                Kind = CampaignKind.Informational,
                SenderNumber = "0212345678",
                Content = "배송이 시작되었습니다",
                Recipients = Enumerable.Range(0, 10).Select(i => new RecipientSubmission($"0102000000{i}", null)).ToList(),
            };
            var campaign = (await first.GetRequiredService<CampaignService>().SubmitAsync(tenant, submission, ct)).Campaign;
            await first.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
            batch = new BatchRef(tenant, campaign.CampaignId, 1);

            var engine = first.GetRequiredService<Crm.Local.Durable.DurableEngine>();
            var refundReached = new TaskCompletionSource();
            var release = new TaskCompletionSource();
            engine.Worker.AddActivityDispatcherMiddleware(async (context, next) =>
            {
                if (context.GetProperty<TaskScheduledEvent>().Name == FunctionCatalog.RefundBatch)
                {
                    refundReached.TrySetResult();
                    await release.Task;
                }

                await next();
            });
            await first.StartEngineAsync();
            await engine.Workflows.StartAsync(batch, ct);
            await refundReached.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);

            // The host stops: no new work is taken; the refund in hand finishes; the rest waits in the hub.
            var stopping = engine.StopAsync(ct);
            release.SetResult();
            await stopping;

            Assert.Equal(10, (await first.SentAsync(campaign.CampaignId)).Count);
            Assert.NotEqual(OrchestrationStatus.Completed, (await engine.Client.GetOrchestrationStateAsync(batch.BatchId))!.OrchestrationStatus);
        }

        // Second host on the same task hub and storage: the sandbox keeps what it sent in Table Storage, so a resend would show.
        using var second = CrmServices.Create(azurite, hub: hub);
        var engine2 = await second.StartEngineAsync();
        var state = await engine2.WaitAsync(batch);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(10, (await second.SentAsync(batch.CampaignId)).Count);
        var wallet = second.GetRequiredService<WalletService>();
        Assert.Equal(92, (await wallet.GetAsync(tenant, ct)).Balance);
        Assert.Single(await wallet.ListLedgerAsync(tenant, 0, 100, ct), e => e.Kind == LedgerKind.Refund);
        var done = (await second.GetRequiredService<ICampaignStore>().GetAsync(tenant, batch.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Completed, 8, 2, 10L, 2L), (done.Status, done.Sent, done.Failed, done.CreditsCharged, done.CreditsRefunded));
    }
}
