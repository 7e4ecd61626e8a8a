using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Local.Functions;
using Crm.Local.Workflows;
using Crm.Providers.Sandbox;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>
/// Storage requests per 1,000 recipients, counted on the wire against Azurite for the whole path:
/// submit, dispatch (cut, charge, enqueue), and each batch's workflow with the local runner's
/// history. Queue polling (receive/delete, about 2 per batch message) is not included. The bounds
/// fail the build when a change adds per-recipient I/O; the figures are printed for the notes.
/// </summary>
public sealed class StorageCostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private async Task<(long Requests, IReadOnlyDictionary<string, long> ByOperation)> MeasureAsync(Channel channel, int recipients, Func<int, bool> notKakao)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(100_000, Channel.AlimTalk);
        var phones = Enumerable.Range(0, recipients).Select(i => $"010{500_000 + i:D8}").ToList();
        services.GetRequiredService<SandboxProvider>().Rules = new SandboxRules { NotKakaoUsers = phones.Where((_, i) => notKakao(i)).ToList() };
        var runner = services.GetRequiredService<WorkflowRunner>();
        services.GetRequiredService<LocalBindings>();
        var counter = services.GetRequiredService<RequestCounter>();
        counter.Reset();

        var submission = new CampaignSubmission
        {
            Channel = channel,
            Kind = CampaignKind.Informational,
            SenderNumber = "0212345678",
            TemplateCode = channel == Channel.AlimTalk ? "ORDER" : null,
            Content = "#{name}님, 주문이 접수되었습니다.",
            Recipients = phones.Select((p, i) => new RecipientSubmission(p, new Dictionary<string, string> { ["name"] = $"고객{i}" })).ToList(),
        };
        var campaign = (await services.GetRequiredService<CampaignService>().SubmitAsync(tenant, submission, ct)).Campaign;
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, campaign.CampaignId), ct);
        var batches = (recipients + Batch.Size - 1) / Batch.Size;
        await Task.WhenAll(Enumerable.Range(1, batches).Select(n =>
            runner.RunAsync(FunctionCatalog.DeliveryWorkflow, new BatchRef(tenant, campaign.CampaignId, n).BatchId, Crm.Core.Common.CrmJsonText.Of(new BatchRef(tenant, campaign.CampaignId, n)), ct)));

        var done = (await services.GetRequiredService<ICampaignStore>().GetAsync(tenant, campaign.CampaignId, ct))!;
        Assert.Equal((CampaignStatus.Completed, recipients), (done.Status, done.Sent));
        return (counter.Total, counter.ByOperation);
    }

    private void Print(string title, int recipients, long requests, IReadOnlyDictionary<string, long> byOperation)
    {
        output.WriteLine($"{title}: {requests} storage requests for {recipients:N0} recipients = {requests * 1000.0 / recipients:F1} per 1,000");
        foreach (var (operation, count) in byOperation.Where(o => o.Value > 0))
        {
            output.WriteLine($"  {operation,-40} {count,6}");
        }
    }

    [Fact]
    public async Task An_sms_campaign_costs_a_bounded_number_of_storage_requests_per_1000_recipients()
    {
        var (requests, byOperation) = await MeasureAsync(Channel.Sms, 10_000, _ => false);
        Print("SMS", 10_000, requests, byOperation);
        Assert.InRange(requests * 1000.0 / 10_000, 1, 35);
    }

    [Fact]
    public async Task An_alimtalk_campaign_with_10_percent_fallback_costs_a_bounded_number_of_storage_requests_per_1000()
    {
        var (requests, byOperation) = await MeasureAsync(Channel.AlimTalk, 10_000, i => i % 10 == 0);
        Print("AlimTalk, 10% SMS fallback", 10_000, requests, byOperation);
        Assert.InRange(requests * 1000.0 / 10_000, 1, 55);
    }
}
