using Crm.Core.Api;
using Crm.Core.Cohorts;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Cohorts;

/// <summary>
/// Storage requests of the sweep when many events of one cohort fall due in the same minute: the
/// cohort's people are read once for all of them, never once per event or per person.
/// </summary>
[Collection(CohortSweepCollection.Name)]
public sealed class CohortEventCostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_events_due_in_one_minute_over_3000_people_read_the_cohort_once_and_cost_a_fixed_number_of_requests_per_event()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        using var services = CrmServices.Create(azurite, time);
        var tenant = await CohortPeopleTests.SetUpCohortAsync(services);
        var stages = new[] { "app-started", "app-writing", "docs-passed" };
        var people = string.Join('\n', Enumerable.Range(0, 3_000).Select(i => $$"""{ "phone": "010{{40_000_000 + i}}", "name": "사람{{i}}", "stage": "{{stages[i % 3]}}", "age": {{20 + (i % 15)}} }"""));
        await services.GetRequiredService<CohortApi>().UpsertPeopleAsync(ApiCalls.Request(people, new { tenantId = tenant, cohortId = "uxui-3" }, contentType: "application/x-ndjson"), ct);
        var api = services.GetRequiredService<CohortEventApi>();
        for (var i = 0; i < 10; i++)
        {
            var body = $$"""
                { "name": "이벤트 {{i}}", "referenceDate": "demoDay", "offsetDays": -1, "timeOfDay": "10:00", "condition": "age >= {{20 + i}}",
                  "target": { "contexts": ["{{(i % 2 == 0 ? "writingApplication" : "applying")}}"] },
                  "message": { "channel": "sms", "kind": "informational", "senderNumber": "02-1234-5678", "content": "#{name}님 안내드립니다" } }
                """;
            Assert.Equal(201, (await api.CreateAsync(ApiCalls.Request(body, new { tenantId = tenant, cohortId = "uxui-3" }), ct)).StatusCode);
        }

        // Runs other tests left due (all earlier) are swept first, so this test's requests are counted alone.
        time.SetUtcNow(new DateTimeOffset(2026, 4, 23, 9, 0, 0, TimeSpan.FromHours(9)));
        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);
        var counter = services.GetRequiredService<RequestCounter>();
        counter.Reset();
        time.SetUtcNow(new DateTimeOffset(2026, 4, 23, 10, 0, 5, TimeSpan.FromHours(9)));
        await services.GetRequiredService<CohortEventSweep>().RunAsync(ct);

        var events = await services.GetRequiredService<ICohortStore>().ListEventsAsync(tenant, "uxui-3", ct);
        Assert.All(events, e => Assert.Equal(EventRunStatus.Created, Assert.Single(e.Runs).Status));
        Assert.Equal(1, counter.ByOperation.GetValueOrDefault("GET table/CohortPeople"));
        output.WriteLine($"10 runs over 3,000 people: {counter.Total} storage requests; {string.Join(", ", counter.ByOperation.Select(o => $"{o.Key} {o.Value}"))}");
        Assert.InRange(counter.Total, 10, 10 * 20);
    }
}
