using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Providers.Sandbox;
using Crm.Storage.Campaigns;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>
/// Storage requests per 1,000 recipients, counted on the wire against Azurite for the whole path:
/// submit, dispatch (cut, charge, enqueue), and each batch's workflow on the Durable Task
/// Framework, its own History and Instances tables, control and work-item queues (their polls
/// while the campaign runs included) and partition leases counted with the CRM's requests. The
/// delivery-batches queue is started from directly, so its poll is not counted. The bounds fail
/// the build when a change adds per-recipient I/O; the figures are printed for the notes.
/// </summary>
public sealed class StorageCostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private async Task<(long Requests, IReadOnlyDictionary<string, long> ByOperation)> MeasureAsync(Channel channel, int recipients, Func<int, bool> notKakao, Func<string, string?>? settings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite, settings: settings);
        var tenant = await services.NewTenantAsync(100_000, Channel.AlimTalk);
        var phones = Enumerable.Range(0, recipients).Select(i => $"010{500_000 + i:D8}").ToList();
        services.GetRequiredService<SandboxProvider>().Rules = new SandboxRules { NotKakaoUsers = phones.Where((_, i) => notKakao(i)).ToList() };
        var engine = await services.StartEngineAsync();
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
        var refs = Enumerable.Range(1, batches).Select(n => new BatchRef(tenant, campaign.CampaignId, n)).ToList();
        foreach (var batch in refs)
        {
            await engine.Workflows.StartAsync(batch, ct);
        }

        // Waiting reads through clients of its own, so the test's polling is not counted as the campaign's cost.
        var watcher = new TableCampaignStore(azurite.NewClients());
        var deadline = DateTime.UtcNow.AddMinutes(1);
        Campaign done;
        while ((done = (await watcher.GetAsync(tenant, campaign.CampaignId, ct))!).Status == CampaignStatus.Sending && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

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
        Assert.InRange(requests * 1000.0 / 10_000, 1, 75);
    }

    [Fact]
    public async Task An_alimtalk_campaign_with_10_percent_fallback_costs_a_bounded_number_of_storage_requests_per_1000()
    {
        var (requests, byOperation) = await MeasureAsync(Channel.AlimTalk, 10_000, i => i % 10 == 0);
        Print("AlimTalk, 10% SMS fallback", 10_000, requests, byOperation);
        Assert.InRange(requests * 1000.0 / 10_000, 1, 125);
    }

    [Fact]
    public async Task Waiting_for_delivery_reports_by_reading_the_groups_costs_a_bounded_number_of_storage_requests_per_1000()
    {
        // The sandbox reports a second after the send; no webhook here, so each batch reads its group every half second.
        string? Reports(string name) => name switch
        {
            Crm.Core.Functions.SettingNames.SandboxReportDelay => "00:00:01",
            Crm.Core.Functions.SettingNames.DeliveryReportsPollInterval => "00:00:00.500",
            _ => null,
        };

        var (requests, byOperation) = await MeasureAsync(Channel.AlimTalk, 10_000, i => i % 10 == 0, Reports);
        Print("AlimTalk, 10% SMS fallback, reports read after 1 s (polled every 0.5 s)", 10_000, requests, byOperation);
        Assert.InRange(requests * 1000.0 / 10_000, 1, 250);
    }
}
