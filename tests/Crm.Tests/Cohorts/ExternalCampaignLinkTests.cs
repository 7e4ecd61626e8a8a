using System.Net;
using System.Security.Cryptography;
using System.Text;
using Crm.Core.Api;
using Crm.Core.Campaigns;
using Crm.Core.Cohorts;
using Crm.Providers.External;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Cohorts;

/// <summary>B7: events linked to a campaign of the external tool, named MMS_… exactly as it, and sent there.</summary>
[Collection(CohortSweepCollection.Name)]
public sealed class ExternalCampaignLinkTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    private static string Linked(string name, string externalName, string? message = null) => $$"""
        { "name": "{{name}}", "referenceDate": "recruitmentEnd", "offsetDays": -1, "timeOfDay": "10:00",
          "target": { "contexts": ["writingApplication"] },
          {{(message is null ? string.Empty : $"\"message\": {message},")}}
          "externalCampaign": { "id": "2834", "name": "{{externalName}}" } }
        """;

    [Fact]
    public async Task A_linked_event_whose_name_is_not_mms_or_differs_from_the_external_campaigns_is_refused_naming_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite, new FakeTimeProvider(new DateTimeOffset(2025, 11, 1, 9, 0, 0, Kst)));
        var tenant = await CohortPeopleTests.SetUpCohortAsync(services);
        var api = services.GetRequiredService<CohortEventApi>();
        var route = new { tenantId = tenant, cohortId = "uxui-3" };

        var mismatch = await api.CreateAsync(ApiCalls.Request(Linked("MMS_UXUI_개강 1주차", "MMS_UXUI_개강1주차"), route), ct);
        var noPrefix = await api.CreateAsync(ApiCalls.Request(Linked("UXUI_개강 1주차", "UXUI_개강 1주차"), route), ct);
        var withMessage = await api.CreateAsync(ApiCalls.Request(Linked("MMS_UXUI_개강 1주차", "MMS_UXUI_개강 1주차", """{ "channel": "sms", "kind": "informational", "senderNumber": "02-1234-5678", "content": "안내" }"""), route), ct);
        var matching = await api.CreateAsync(ApiCalls.Request(Linked("MMS_UXUI_개강 1주차", "MMS_UXUI_개강 1주차"), route), ct);

        Assert.Equal((400, "name"), (mismatch.StatusCode, mismatch.ErrorFields()));
        Assert.Equal((400, "name"), (noPrefix.StatusCode, noPrefix.ErrorFields()));
        Assert.Equal((400, "message"), (withMessage.StatusCode, withMessage.ErrorFields()));
        Assert.Equal(201, matching.StatusCode);
    }

    [Fact]
    public async Task A_linked_events_run_goes_to_the_external_campaign_with_the_live_audience_and_registers_no_campaign_of_ours()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 1, 9, 0, 0, Kst));
        using var services = CrmServices.Create(azurite, time);
        var tenant = await CohortPeopleTests.SetUpCohortAsync(services);
        var people = """[ { "phone": "010-3200-0001", "name": "가", "stage": "app-writing" }, { "phone": "010-3200-0002", "name": "나", "stage": "joined" } ]""";
        await services.GetRequiredService<CohortApi>().UpsertPeopleAsync(ApiCalls.Request(people, new { tenantId = tenant, cohortId = "uxui-3" }), ct);
        var created = await services.GetRequiredService<CohortEventApi>().CreateAsync(ApiCalls.Request(Linked("MMS_UXUI_마감 D-1", "MMS_UXUI_마감 D-1"), new { tenantId = tenant, cohortId = "uxui-3" }), ct);
        var eventId = ((EventView)created.Body!).Event.EventId;

        time.SetUtcNow(new DateTimeOffset(2025, 11, 13, 10, 0, 3, Kst));
        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);

        var handed = Assert.Single(services.GetRequiredService<SandboxExternalCampaigns>().Runs, r => r.EventId == eventId);
        Assert.Equal(("2834", "MMS_UXUI_마감 D-1", 1), (handed.ExternalCampaignId, handed.ExternalCampaignName, handed.Run));
        Assert.Equal(["01032000001"], handed.Recipients.Select(r => r.Phone));
        var run = Assert.Single((await services.GetRequiredService<ICohortStore>().GetEventAsync(tenant, "uxui-3", eventId, ct))!.Runs);
        Assert.Equal((EventRunStatus.Created, handed.RunId, (string?)null), (run.Status, run.ExternalRunId, run.CampaignId));
        Assert.Empty((await services.GetRequiredService<CampaignService>().ListAsync(tenant, null, 10, ct)).Items);
    }

    [Fact]
    public async Task The_http_adapter_posts_the_run_signed_with_hmac_sha256_of_the_body_and_keyed_by_the_run_id()
    {
        var handler = new RecordingHandler();
        var adapter = new HttpExternalCampaigns(new HttpClient(handler), new Uri("https://tool.example/crm-runs"), "s3cret");
        var run = new ExternalCampaignRun("t", "e", 2, "run-2", "2834", "MMS_UXUI_개강 1주차", DateTimeOffset.UnixEpoch, [new Recipient("01012345678", new Dictionary<string, string> { ["name"] = "가" })]);

        await adapter.SendRunAsync(run, TestContext.Current.CancellationToken);

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), handler.Body!));
        Assert.Equal((expected, "run-2"), (handler.Headers![HttpExternalCampaigns.SignatureHeader], handler.Headers["Idempotency-Key"]));
        Assert.Contains("\"externalCampaignName\":\"MMS_UXUI_개강 1주차\"", Encoding.UTF8.GetString(handler.Body!), StringComparison.Ordinal);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public byte[]? Body { get; private set; }

        public Dictionary<string, string>? Headers { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value));
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }
    }
}
