using Crm.Core.Api;
using Crm.Core.Campaigns;
using Crm.Core.Cohorts;
using Crm.Core.Delivery;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Cohorts;

/// <summary>B5, B6: event validation, the cohort's list, clone within the cohort, delete, and "all off" with confirmation.</summary>
[Collection(CohortSweepCollection.Name)]
public sealed class CohortEventDashboardTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset Saved = new(2025, 11, 1, 9, 0, 0, Kst);
    private static readonly DateTimeOffset SendTime = new(2025, 11, 13, 10, 0, 0, Kst);

    private static string Event(string name = "지원서 작성 독려", int offset = -1, bool enabled = true) => $$"""
        { "name": "{{name}}", "referenceDate": "recruitmentEnd", "offsetDays": {{offset}}, "timeOfDay": "10:00", "enabled": {{(enabled ? "true" : "false")}},
          "target": { "contexts": ["writingApplication"] },
          "message": { "channel": "sms", "kind": "informational", "senderNumber": "02-1234-5678", "content": "#{name}님, 지원서를 마무리해 주세요" } }
        """;

    private async Task<(ServiceProvider Services, string Tenant, CohortEventApi Api)> SetUpAsync(FakeTimeProvider time)
    {
        var services = CrmServices.Create(azurite, time);
        var tenant = await CohortPeopleTests.SetUpCohortAsync(services);
        var people = """[ { "phone": "010-3100-0001", "name": "가", "stage": "app-writing" }, { "phone": "010-3100-0002", "name": "나", "stage": "app-writing" } ]""";
        await services.GetRequiredService<CohortApi>().UpsertPeopleAsync(ApiCalls.Request(people, new { tenantId = tenant, cohortId = "uxui-3" }), TestContext.Current.CancellationToken);
        return (services, tenant, services.GetRequiredService<CohortEventApi>());
    }

    private static async Task<string> CreateAsync(CohortEventApi api, string tenant, string body)
    {
        var response = await api.CreateAsync(ApiCalls.Request(body, new { tenantId = tenant, cohortId = "uxui-3" }), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == 201, response.Json().ToString());
        return ((EventView)response.Body!).Event.EventId;
    }

    [Fact]
    public async Task An_event_is_refused_naming_each_field_its_message_checked_by_the_campaign_rules()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant, api) = await SetUpAsync(new FakeTimeProvider(Saved));
        using var _ = services;
        var body = """
            { "name": "MMS_UXUI_마감 임박", "cohortId": "uxui-4", "referenceDate": "recruitmentEnd", "offsetDays": -1, "timeOfDay": "10:00",
              "target": { "contexts": ["writingApplication"], "stages": ["docs-passed"] }, "condition": "hasCard = true and shoeSize > 250",
              "repeat": { "everyDays": 2 },
              "message": { "channel": "sms", "kind": "advertising", "senderNumber": "02-9999-9999", "content": "마감 임박! 지금 지원하세요" } }
            """;

        var refused = await api.CreateAsync(ApiCalls.Request(body, new { tenantId = tenant, cohortId = "uxui-3" }), ct);

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("cohortId, condition, message.content, message.senderNumber, repeat, target.stages", refused.ErrorFields());
    }

    [Fact]
    public async Task All_off_needs_the_confirmation_token_and_then_stops_a_run_already_due_and_a_run_already_registered()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Saved);
        var (services, tenant, api) = await SetUpAsync(time);
        using var _ = services;
        var registered = await CreateAsync(api, tenant, Event("D-1 10시", -1));
        var due = await CreateAsync(api, tenant, Event("D-1 10시 재알림", -1).Replace("10:00", "10:01", StringComparison.Ordinal));
        var route = new { tenantId = tenant, cohortId = "uxui-3" };

        // 10:00 run registered by the timer (queued, not yet dispatched); the 10:01 run is due and the timer has not run yet.
        time.SetUtcNow(SendTime.AddSeconds(10));
        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);
        time.SetUtcNow(SendTime.AddMinutes(1).AddSeconds(10));

        var ask = (AllOffResult)(await api.AllOffAsync(ApiCalls.Request("{}", route), ct)).Body!;
        Assert.Equal((false, 2), (ask.Confirmed, ask.EventsOn));
        Assert.Equal(409, (await api.AllOffAsync(ApiCalls.Request("""{ "confirmationToken": "0000" }""", route), ct)).StatusCode);
        var done = (AllOffResult)(await api.AllOffAsync(ApiCalls.Request($$"""{ "confirmationToken": "{{ask.ConfirmationToken}}" }""", route), ct)).Body!;
        Assert.Equal((true, 2, 1), (done.Confirmed, done.SwitchedOff, done.CampaignsCancelled));

        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);
        var store = services.GetRequiredService<ICohortStore>();
        Assert.Empty((await store.GetEventAsync(tenant, "uxui-3", due, ct))!.Runs);
        var runId = Assert.Single((await store.GetEventAsync(tenant, "uxui-3", registered, ct))!.Runs).CampaignId!;
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, runId), ct);
        Assert.Equal(CampaignStatus.Cancelled, (await services.GetRequiredService<ICampaignStore>().GetAsync(tenant, runId, ct))!.Status);
        Assert.Empty(await services.SentAsync(runId));
        var list = (await api.ListAsync(ApiCalls.Request(null, route), ct)).Json();
        Assert.All(list.GetProperty("items").EnumerateArray(), item => Assert.False(item.GetProperty("enabled").GetBoolean()));
    }

    [Fact]
    public async Task A_clone_into_another_cohort_is_refused_and_a_clone_in_the_cohort_starts_off_without_runs()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant, api) = await SetUpAsync(new FakeTimeProvider(Saved));
        using var _ = services;
        var source = await CreateAsync(api, tenant, Event());
        var route = new { tenantId = tenant, cohortId = "uxui-3", eventId = source };

        var across = await api.CloneAsync(ApiCalls.Request("""{ "cohortId": "uxui-4" }""", route), ct);
        var clone = await api.CloneAsync(ApiCalls.Request("{}", route), ct);

        Assert.Equal((400, "cohortId"), (across.StatusCode, across.ErrorFields()));
        Assert.Equal(201, clone.StatusCode);
        var copy = ((EventView)clone.Body!).Event;
        Assert.Equal(("지원서 작성 독려 (복제)", false, "uxui-3", (int?)null), (copy.Name, copy.Enabled, copy.CohortId, copy.NextRun));
        Assert.NotEqual(source, copy.EventId);
    }

    [Fact]
    public async Task The_list_sorts_by_next_send_and_by_on_off_both_ways_a_page_at_a_time_and_a_deleted_event_sends_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Saved);
        var (services, tenant, api) = await SetUpAsync(time);
        using var _ = services;
        var d3 = await CreateAsync(api, tenant, Event("D-3", -3));
        var d1 = await CreateAsync(api, tenant, Event("D-1", -1, enabled: false));
        var d2 = await CreateAsync(api, tenant, Event("D+2", 2));
        var route = new { tenantId = tenant, cohortId = "uxui-3" };

        async Task<(List<string> Ids, string? Next)> PageAsync(string sort, string order, string? token = null)
        {
            var query = new Dictionary<string, string> { ["sort"] = sort, ["order"] = order, ["pageSize"] = "2" };
            if (token is not null)
            {
                query["continuationToken"] = token;
            }

            var json = (await api.ListAsync(ApiCalls.Request(null, route, query), ct)).Json();
            var next = json.TryGetProperty("continuationToken", out var t) ? t.GetString() : null;
            return (json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("eventId").GetString()!).ToList(), next);
        }

        var first = await PageAsync("nextSendAt", "asc");
        Assert.Equal([d3, d2], first.Ids); // the switched-off event has no next send: last
        Assert.Equal([d1], (await PageAsync("nextSendAt", "asc", first.Next)).Ids);
        Assert.Equal([d2, d3], (await PageAsync("nextSendAt", "desc")).Ids);
        Assert.Equal([d1, d3], (await PageAsync("enabled", "asc")).Ids);
        Assert.Equal([d3, d2], (await PageAsync("enabled", "desc")).Ids);

        Assert.Equal(204, (await api.DeleteAsync(ApiCalls.Request(null, new { tenantId = tenant, cohortId = "uxui-3", eventId = d3 }), ct)).StatusCode);
        time.SetUtcNow(SendTime.AddDays(-2).AddMinutes(1));
        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);
        Assert.Empty((await services.GetRequiredService<CampaignService>().ListAsync(tenant, null, 100, ct)).Items);
        Assert.Equal(404, (await api.GetAsync(ApiCalls.Request(null, new { tenantId = tenant, cohortId = "uxui-3", eventId = d3 }), ct)).StatusCode);
    }
}
