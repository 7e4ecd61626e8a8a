using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Storage.Delivery;
using Crm.Tests.Fixtures;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Workflows;

/// <summary>
/// A campaign cancelled while it sends: what was sent stays paid, every batch not yet sent is given
/// back in full, and the wallet's ledger says the same as the campaign.
/// </summary>
public sealed class CancelTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Campaign> SubmitAsync(IServiceProvider services, string tenant, int recipients)
    {
        var submission = new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            Content = "주문이 접수되었습니다",
            Recipients = Enumerable.Range(0, recipients).Select(i => new RecipientSubmission($"010700{i:D5}", null)).ToList(),
        };
        return (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, submission, Ct)).Campaign;
    }

    private static async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(IServiceProvider services, string tenant) =>
        await services.GetRequiredService<WalletService>().ListLedgerAsync(tenant, 0, 1000, Ct);

    [Fact]
    public async Task Cancelling_10000_sms_after_the_first_batch_refunds_the_other_9000_in_the_ledger()
    {
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(1_000_000);
        var campaign = await SubmitAsync(services, tenant, 10_000);
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), Ct);
        var price = (await services.GetRequiredService<CampaignService>().GetAsync(tenant, campaign.CampaignId, Ct)).Price;

        Assert.Equal(OrchestrationStatus.Completed, (await services.RunWorkflowAsync(new BatchRef(tenant, campaign.CampaignId, 1))).OrchestrationStatus);
        await services.GetRequiredService<CampaignService>().CancelAsync(tenant, campaign.CampaignId, Ct);
        var engine = await services.StartEngineAsync();
        var rest = Enumerable.Range(2, 9).Select(n => new BatchRef(tenant, campaign.CampaignId, n)).ToList();
        foreach (var batch in rest)
        {
            await engine.Workflows.StartAsync(batch, Ct);
        }

        foreach (var batch in rest)
        {
            Assert.Equal(OrchestrationStatus.Completed, (await engine.WaitAsync(batch)).OrchestrationStatus);
        }

        var done = await services.GetRequiredService<CampaignService>().GetAsync(tenant, campaign.CampaignId, Ct);
        var ledger = await LedgerAsync(services, tenant);
        Assert.Equal(1_000, (await services.SentAsync(campaign.CampaignId)).Count);
        Assert.Equal((CampaignStatus.Cancelled, 1_000, 9_000, 0), (done.Status, done.Sent, done.NotSent, done.Failed));
        Assert.Equal((10_000 * price, 9_000 * price), (done.CreditsCharged, done.CreditsRefunded));
        Assert.Equal(9_000 * price, ledger.Where(e => e.Amount > 0 && e.OperationId != "seed").Sum(e => e.Amount));
        Assert.Equal(1_000_000 - (1_000 * price), (await services.GetRequiredService<WalletService>().GetAsync(tenant, Ct)).Balance);
    }

    [Fact]
    public async Task A_cancel_while_batches_are_being_paid_stops_the_very_next_charge()
    {
        string? cancelTenant = null;
        using var services = CrmServices.Create(azurite, configure: s => s.AddSingleton<IMessageQueue>(sp =>
            new CancelOnFirstBatch(sp.GetRequiredService<StorageMessageQueue>(), sp, () => cancelTenant)));
        var tenant = cancelTenant = await services.NewTenantAsync(1_000_000);
        var campaign = await SubmitAsync(services, tenant, 10_000);

        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), Ct);

        var charges = (await LedgerAsync(services, tenant)).Where(e => e.Amount < 0).ToList();
        Assert.Equal([$"charge:{new BatchRef(tenant, campaign.CampaignId, 1).BatchId}"], charges.Select(e => e.OperationId));
        var outcomes = services.GetRequiredService<IOutcomeStore>();
        for (var n = 2; n <= 10; n++)
        {
            Assert.All((await outcomes.GetAsync(new BatchRef(tenant, campaign.CampaignId, n), Ct)).Outcomes, o => Assert.Equal(OutcomeStatus.Cancelled, o.Status));
        }
    }

    /// <summary>Cancels the campaign right after its first batch is queued, as a marketer's click would land mid-dispatch.</summary>
    private sealed class CancelOnFirstBatch(IMessageQueue inner, IServiceProvider services, Func<string?> tenant) : IMessageQueue
    {
        private int _batches;

        public Task EnqueueAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
            EnqueueAsync(queueName, message, TimeSpan.Zero, cancellationToken);

        public async Task EnqueueAsync<T>(string queueName, T message, TimeSpan delay, CancellationToken cancellationToken)
        {
            await inner.EnqueueAsync(queueName, message, delay, cancellationToken);
            if (queueName == QueueNames.DeliveryBatches && message is BatchRef batch && batch.TenantId == tenant() && Interlocked.Increment(ref _batches) == 1)
            {
                await services.GetRequiredService<CampaignService>().CancelAsync(batch.TenantId, batch.CampaignId, cancellationToken);
            }
        }
    }
}
