using Crm.Core.Api;
using Crm.Core.Campaigns;
using Crm.Core.Cohorts;
using Crm.Core.Delivery;
using Crm.Tests.Fixtures;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Cohorts;

/// <summary>
/// Seed 003's scenarios (B1–B5): a cohort whose recruitment ends 2025-11-14, an event the day
/// before at 10:00 for people writing their application, and what the every-minute timer sends.
/// </summary>
[Collection(CohortSweepCollection.Name)]
public sealed class CohortEventScenarioTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset Saved = new(2025, 11, 1, 9, 0, 0, Kst);
    private static readonly DateTimeOffset SendTime = new(2025, 11, 13, 10, 0, 0, Kst);

    private static string Phone(int i) => $"0103000{i:D4}";

    private static string Event(string? repeat = null, string content = "#{name}님, 지원서 마감이 내일입니다. 오늘 제출해 주세요!") => $$"""
        { "name": "지원서 작성 독려 D-1", "referenceDate": "recruitmentEnd", "offsetDays": -1, "timeOfDay": "10:00",
          "target": { "contexts": ["writingApplication"] },
          {{(repeat is null ? string.Empty : $"\"repeat\": {repeat},")}}
          "message": { "channel": "sms", "kind": "informational", "senderNumber": "02-1234-5678", "content": "{{content}}" } }
        """;

    private async Task<(ServiceProvider Services, string Tenant)> SetUpAsync(FakeTimeProvider time, int writing = 5)
    {
        var services = CrmServices.Create(azurite, time);
        var tenant = await CohortPeopleTests.SetUpCohortAsync(services);
        var people = string.Join(',', Enumerable.Range(1, writing).Select(i => $$"""{ "phone": "{{Phone(i)}}", "name": "지원자{{i}}", "stage": "app-writing" }"""));
        var upsert = await services.GetRequiredService<CohortApi>().UpsertPeopleAsync(ApiCalls.Request($"[{people}]", new { tenantId = tenant, cohortId = "uxui-3" }), TestContext.Current.CancellationToken);
        Assert.Equal(200, upsert.StatusCode);
        return (services, tenant);
    }

    private static async Task<EventView> CreateAsync(IServiceProvider services, string tenant, string body)
    {
        var response = await services.GetRequiredService<CohortEventApi>().CreateAsync(ApiCalls.Request(body, new { tenantId = tenant, cohortId = "uxui-3" }), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == 201, response.Json().ToString());
        return (EventView)response.Body!;
    }

    private static async Task<IReadOnlyList<string>> RecipientsAsync(IServiceProvider services, string tenant, string campaignId)
    {
        var phones = new List<string>();
        await foreach (var chunk in services.GetRequiredService<ICampaignStore>().ReadRecipientsAsync(tenant, campaignId, TestContext.Current.CancellationToken))
        {
            phones.AddRange(chunk.Select(r => r.Phone));
        }

        return phones.Order(StringComparer.Ordinal).ToList();
    }

    private static Task<CohortEvent?> StoredAsync(IServiceProvider services, string tenant, string eventId) =>
        services.GetRequiredService<ICohortStore>().GetEventAsync(tenant, "uxui-3", eventId, TestContext.Current.CancellationToken);

    private static Task MoveAsync(IServiceProvider services, string tenant, int person, string stage) =>
        services.GetRequiredService<CohortService>().ChangeStageAsync(tenant, "uxui-3", Phone(person), new StageChange(stage), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Preview_of_d_minus_1_of_recruitment_end_at_10_shows_thursday_the_13th_and_counts_who_is_writing_now()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, tenant) = await SetUpAsync(new FakeTimeProvider(Saved));
        using var _ = services;
        await MoveAsync(services, tenant, 5, "docs-passed");

        var response = await services.GetRequiredService<CohortEventApi>().PreviewAsync(ApiCalls.Request(Event(), new { tenantId = tenant, cohortId = "uxui-3" }), ct);

        Assert.Equal(200, response.StatusCode);
        var json = response.Json();
        Assert.Equal("2025-11-13 (목) 10:00", json.GetProperty("runs")[0].GetProperty("display").GetString());
        Assert.Equal(4, json.GetProperty("audienceCount").GetInt32());
    }

    [Fact]
    public async Task At_send_time_only_the_3_of_5_still_writing_their_application_are_sent_the_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Saved);
        var (services, tenant) = await SetUpAsync(time);
        using var _ = services;
        var saved = await CreateAsync(services, tenant, Event());
        Assert.Equal(("2025-11-13 (목) 10:00", SendTime), (saved.NextSendDisplay, saved.NextSendAt));

        // Two of them submitted and passed the documents stage before the send.
        time.SetUtcNow(new DateTimeOffset(2025, 11, 12, 18, 0, 0, Kst));
        await MoveAsync(services, tenant, 2, "docs-passed");
        await MoveAsync(services, tenant, 4, "final-pass");
        time.SetUtcNow(SendTime.AddSeconds(20));
        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);

        var run = Assert.Single((await StoredAsync(services, tenant, saved.Event.EventId))!.Runs);
        Assert.Equal((EventRunStatus.Created, 3), (run.Status, run.Recipients));
        Assert.Equal([Phone(1), Phone(3), Phone(5)], await RecipientsAsync(services, tenant, run.CampaignId!));

        // An ordinary campaign from here: dispatched, charged per batch, sent by the workflow.
        await services.GetRequiredService<CampaignDispatcher>().DispatchAsync(new DispatchRequest(tenant, run.CampaignId!), ct);
        Assert.Equal(OrchestrationStatus.Completed, (await services.RunWorkflowAsync(new BatchRef(tenant, run.CampaignId!, 1))).OrchestrationStatus);
        var sent = await services.SentAsync(run.CampaignId!);
        Assert.Equal([Phone(1), Phone(3), Phone(5)], sent.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Contains(sent, m => m.Text == "지원자3님, 지원서 마감이 내일입니다. 오늘 제출해 주세요!");
    }

    [Fact]
    public async Task A_person_who_reached_the_stage_after_the_event_was_saved_is_sent_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Saved);
        var (services, tenant) = await SetUpAsync(time, writing: 2);
        using var _ = services;
        var api = services.GetRequiredService<CohortApi>();
        await api.UpsertPeopleAsync(ApiCalls.Request($$"""[{ "phone": "{{Phone(9)}}", "name": "늦깎이", "stage": "app-started" }]""", new { tenantId = tenant, cohortId = "uxui-3" }), ct);
        var saved = await CreateAsync(services, tenant, Event());

        time.SetUtcNow(new DateTimeOffset(2025, 11, 10, 21, 0, 0, Kst));
        await MoveAsync(services, tenant, 9, "app-writing");
        time.SetUtcNow(SendTime.AddSeconds(5));
        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);

        var run = Assert.Single((await StoredAsync(services, tenant, saved.Event.EventId))!.Runs);
        Assert.Equal([Phone(1), Phone(2), Phone(9)], await RecipientsAsync(services, tenant, run.CampaignId!));
    }

    [Fact]
    public async Task Repeating_every_2_days_for_3_runs_makes_exactly_3_campaigns_though_the_timer_fires_twice_and_the_host_restarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Saved);
        var (services, tenant) = await SetUpAsync(time, writing: 2);
        var saved = await CreateAsync(services, tenant, Event("""{ "everyDays": 2, "runs": 3 }"""));
        Assert.Equal(["2025-11-13 (목) 10:00", "2025-11-15 (토) 10:00", "2025-11-17 (월) 10:00"], saved.Runs.Select(r => r.Display));

        for (var minute = SendTime; minute <= SendTime.AddDays(6); minute = minute.AddHours(12))
        {
            time.SetUtcNow(minute.AddSeconds(1));
            var sweep = services.GetRequiredService<CohortEventSweep>();
            await Task.WhenAll(sweep.RunAsync(ct), sweep.RunAsync(ct)); // the timer firing twice at once
            await sweep.RunAsync(ct);                                  // and again a moment later
            if (minute == SendTime.AddDays(2))
            {
                // The host restarts: a new process, the same storage.
                services.Dispose();
                services = CrmServices.Create(azurite, time);
            }
        }

        using var _ = services;
        var stored = (await StoredAsync(services, tenant, saved.Event.EventId))!;
        Assert.Equal([1, 2, 3], stored.Runs.Select(r => r.Run));
        Assert.All(stored.Runs, r => Assert.Equal((EventRunStatus.Created, 2), (r.Status, r.Recipients)));
        Assert.Null(stored.NextRun);
        var campaigns = await services.GetRequiredService<CampaignService>().ListAsync(tenant, null, 100, ct);
        Assert.Equal(stored.Runs.Select(r => r.CampaignId).Order(), campaigns.Items.Select(c => c.CampaignId).Order());
    }

    [Fact]
    public async Task A_run_missed_by_less_than_the_grace_is_sent_late_and_an_older_one_is_recorded_missed()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Saved);
        var (services, tenant) = await SetUpAsync(time, writing: 2);
        using var _ = services;
        var saved = await CreateAsync(services, tenant, Event("""{ "everyDays": 2, "runs": 2 }"""));
        var sweep = services.GetRequiredService<CohortEventSweep>();

        time.SetUtcNow(SendTime.AddMinutes(40)); // the host was down 40 minutes: within the default grace of an hour
        await sweep.RunAsync(ct);
        time.SetUtcNow(SendTime.AddDays(2).AddHours(3)); // down three hours
        await sweep.RunAsync(ct);

        var runs = (await StoredAsync(services, tenant, saved.Event.EventId))!.Runs;
        Assert.Equal([EventRunStatus.Created, EventRunStatus.Missed], runs.Select(r => r.Status));
        Assert.Single((await services.GetRequiredService<CampaignService>().ListAsync(tenant, null, 100, ct)).Items);
    }

    [Fact]
    public async Task An_event_switched_off_after_its_run_fell_due_sends_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Saved);
        var (services, tenant) = await SetUpAsync(time, writing: 2);
        using var _ = services;
        var saved = await CreateAsync(services, tenant, Event());

        time.SetUtcNow(SendTime.AddSeconds(30)); // due, but the timer has not run yet
        var off = Event().Replace("\"name\":", "\"enabled\": false, \"name\":", StringComparison.Ordinal);
        var updated = await services.GetRequiredService<CohortEventApi>().UpdateAsync(ApiCalls.Request(off, new { tenantId = tenant, cohortId = "uxui-3", eventId = saved.Event.EventId }), ct);
        Assert.Equal(200, updated.StatusCode);
        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);

        Assert.Empty((await StoredAsync(services, tenant, saved.Event.EventId))!.Runs);
        Assert.Empty((await services.GetRequiredService<CampaignService>().ListAsync(tenant, null, 100, ct)).Items);
        Assert.DoesNotContain(await services.GetRequiredService<ICohortStore>().ListDueAsync(SendTime.AddDays(30), ct), d => d.TenantId == tenant);
    }
}
