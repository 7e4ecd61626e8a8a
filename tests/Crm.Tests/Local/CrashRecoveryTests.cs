using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Local.Functions;
using Crm.Local.Workflows;
using Crm.Providers.Sandbox;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>D9: a process killed between "send" and "refund" sends nothing twice and refunds once after restart.</summary>
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_batch_killed_after_send_and_before_refund_resumes_without_resending_and_refunds_once()
    {
        var ct = TestContext.Current.CancellationToken;
        string tenant;
        var invalid = new[] { "01020000003", "01020000007" };
        BatchRef batch;

        // First process: submit, dispatch (charges 10), run the workflow until it is killed inside RefundBatch.
        using (var first = CrmServices.Create(azurite))
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

            var registry = first.GetRequiredService<LocalBindings>().Workflows;
            var refundEntered = new TaskCompletionSource();
            registry.Activities[FunctionCatalog.RefundBatch] = async (_, token) =>
            {
                refundEntered.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
                return "0";
            };
            using var kill = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var run = first.GetRequiredService<WorkflowRunner>().RunAsync(FunctionCatalog.DeliveryWorkflow, batch.BatchId, Crm.Core.Common.CrmJsonText.Of(batch), kill.Token);
            await refundEntered.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            await kill.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

            Assert.Equal(10, first.GetRequiredService<SandboxProvider>().Messages(campaign.CampaignId).Count);
            Assert.Equal(90, (await first.GetRequiredService<WalletService>().GetAsync(tenant, ct)).Balance);
        }

        // Second process: a fresh sandbox would record any resend; the workflow resumes at the refund.
        using var second = CrmServices.Create(azurite);
        second.GetRequiredService<LocalBindings>();
        var instance = await second.GetRequiredService<WorkflowRunner>().RunAsync(FunctionCatalog.DeliveryWorkflow, batch.BatchId, Crm.Core.Common.CrmJsonText.Of(batch), ct);

        Assert.Equal(WorkflowStatus.Completed, instance.Status);
        Assert.Empty(second.GetRequiredService<SandboxProvider>().Messages(batch.CampaignId));
        var wallet = second.GetRequiredService<WalletService>();
        Assert.Equal(92, (await wallet.GetAsync(tenant, ct)).Balance);
        Assert.Single(await wallet.ListLedgerAsync(tenant, 0, 100, ct), e => e.Kind == LedgerKind.Refund);
        var done = (await second.GetRequiredService<ICampaignStore>().GetAsync(tenant, batch.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Completed, 8, 2, 10L, 2L), (done.Status, done.Sent, done.Failed, done.CreditsCharged, done.CreditsRefunded));
    }
}
