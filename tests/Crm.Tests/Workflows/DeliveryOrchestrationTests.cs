using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Providers.Sandbox;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Workflows;

/// <summary>
/// The delivery orchestrator and activities that Crm.Functions runs, on both real engines (the SDK's
/// in-process host and Crm.Local's Durable Task Framework on Azurite): retries only what a retry can
/// mend, and a batch id is never started twice, whatever state its first instance is in (D9).
/// </summary>
public sealed class DeliveryOrchestrationTests(AzuriteFixture azurite)
{
    public static TheoryData<string> Engines => ["sdk", "framework"];

    private static async Task<BatchRef> DispatchAsync(IServiceProvider services, string tenant, int recipients)
    {
        var ct = TestContext.Current.CancellationToken;
        var submission = new CampaignSubmission
        {
            Channel = Channel.Sms,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            Content = "주문이 접수되었습니다",
            Recipients = Enumerable.Range(0, recipients).Select(i => new RecipientSubmission($"010300{i:D5}", null)).ToList(),
        };
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, submission, ct)).Campaign;
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
        return new BatchRef(tenant, campaign.CampaignId, 1);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_transient_provider_fault_is_retried_by_the_retry_policy_and_each_recipient_is_sent_once(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100);
        var batch = await DispatchAsync(services, tenant, 5);
        var sandbox = services.GetRequiredService<SandboxProvider>();
        sandbox.Rules = new SandboxRules { TransientFailures = 1 };
        await using var engine = await DeliveryEngine.StartAsync(kind, services);

        Assert.True(await engine.Workflows.StartAsync(batch, ct));
        var (status, output, _) = await engine.WaitAsync(batch);

        Assert.Equal(BatchWorkflowStatus.Completed, status);
        Assert.Equal(new BatchCompletion(batch, 5, 0, Charged: 5), output);
        Assert.Equal(2, engine.Attempts(FunctionCatalog.PrepareSend)); // the provider's first answer (creating the group) was a 503
        Assert.Equal(1, engine.Attempts(FunctionCatalog.SendBatch));
        Assert.Equal(0, engine.Attempts(FunctionCatalog.RecordBatchFailure));
        Assert.Equal(5, (await sandbox.MessagesAsync(batch.CampaignId, TestContext.Current.CancellationToken)).Select(m => m.To).Distinct().Count());
        Assert.Equal(5, (await sandbox.MessagesAsync(batch.CampaignId, TestContext.Current.CancellationToken)).Count);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_missing_campaign_fails_at_the_first_attempt_instead_of_being_retried(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100);
        var batch = await DispatchAsync(services, tenant, 3);
        await azurite.NewClients().Tables.GetTableClient(TableNames.Campaigns).DeleteEntityAsync(tenant, batch.CampaignId, cancellationToken: ct);
        await using var engine = await DeliveryEngine.StartAsync(kind, services);

        await engine.Workflows.StartAsync(batch, ct);
        var (status, _, failure) = await engine.WaitAsync(batch);

        Assert.Equal(BatchWorkflowStatus.Failed, status);
        Assert.Contains("does not exist", failure);
        Assert.Equal(1, engine.Attempts(FunctionCatalog.PrepareSend));
        Assert.Equal(1, engine.Attempts(FunctionCatalog.RecordBatchFailure));
        Assert.Empty((await services.SentAsync(batch.CampaignId)));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_redelivered_batch_message_starts_nothing_and_a_completed_batch_is_never_run_again(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100);
        var batch = await DispatchAsync(services, tenant, 4);
        await using var engine = await DeliveryEngine.StartAsync(kind, services);

        var first = await engine.Workflows.StartAsync(batch, ct);
        var redelivered = await engine.Workflows.StartAsync(batch, ct);
        Assert.Equal(BatchWorkflowStatus.Completed, (await engine.WaitAsync(batch)).Status);
        var again = await engine.Workflows.StartAsync(batch, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        Assert.True(first);
        Assert.False(redelivered);
        Assert.False(again);
        Assert.Equal(BatchWorkflowStatus.Completed, (await engine.Workflows.GetAsync(batch, ct))!.Status);
        Assert.Equal(1, engine.Attempts(FunctionCatalog.SendBatch));
        Assert.Equal(1, engine.Attempts(FunctionCatalog.CompleteBatch));
        Assert.Equal(4, (await services.SentAsync(batch.CampaignId)).Count);
        Assert.Equal(96, (await services.GetRequiredService<WalletService>().GetAsync(tenant, ct)).Balance);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Two_deliveries_of_one_batch_message_at_the_same_moment_run_the_batch_once(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100);
        var batch = await DispatchAsync(services, tenant, 4);
        await using var engine = await DeliveryEngine.StartAsync(kind, services);

        await Task.WhenAll(engine.Workflows.StartAsync(batch, ct), engine.Workflows.StartAsync(batch, ct));
        Assert.Equal(BatchWorkflowStatus.Completed, (await engine.WaitAsync(batch)).Status);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        Assert.Equal(1, engine.Attempts(FunctionCatalog.SendBatch));
        Assert.Equal(1, engine.Attempts(FunctionCatalog.CompleteBatch));
        Assert.Equal(4, (await services.SentAsync(batch.CampaignId)).Count);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_failed_batch_is_never_restarted_by_a_duplicate_message(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100);
        var batch = await DispatchAsync(services, tenant, 2);
        var campaigns = azurite.NewClients().Tables.GetTableClient(TableNames.Campaigns);
        var campaign = (await campaigns.GetEntityAsync<Azure.Data.Tables.TableEntity>(tenant, batch.CampaignId, cancellationToken: ct)).Value;
        await campaigns.DeleteEntityAsync(tenant, batch.CampaignId, cancellationToken: ct);
        await using var engine = await DeliveryEngine.StartAsync(kind, services);
        await engine.Workflows.StartAsync(batch, ct);
        Assert.Equal(BatchWorkflowStatus.Failed, (await engine.WaitAsync(batch)).Status);

        // The campaign is back, so a new run would send: the duplicate message must not start one.
        await campaigns.AddEntityAsync(campaign, ct);
        var again = await engine.Workflows.StartAsync(batch, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        Assert.False(again);
        Assert.Equal(BatchWorkflowStatus.Failed, (await engine.Workflows.GetAsync(batch, ct))!.Status);
        Assert.Equal(1, engine.Attempts(FunctionCatalog.PrepareSend));
        Assert.Empty((await services.SentAsync(batch.CampaignId)));
    }
}
