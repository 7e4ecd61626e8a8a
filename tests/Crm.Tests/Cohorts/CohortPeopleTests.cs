using Crm.Core.Api;
using Crm.Core.Cohorts;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Cohorts;

/// <summary>B1, B2: funnel, courses, cohorts with reference dates, and a cohort's people in compressed buckets.</summary>
public sealed class CohortPeopleTests(AzuriteFixture azurite)
{
    public const string Funnel = """
        { "stages": [
          { "id": "interested", "name": "관심 등록", "context": "beforeApplying" },
          { "id": "app-started", "name": "지원 시작", "context": "applying" },
          { "id": "app-writing", "name": "지원서 작성 중", "context": "writingApplication" },
          { "id": "docs-passed", "name": "1차 서류 합격", "context": "documentsPassed" },
          { "id": "final-pass", "name": "최종 합격", "context": "finalPass" },
          { "id": "joined", "name": "최종 합류", "context": "joined" },
          { "id": "dropped", "name": "이탈", "context": "inactive" } ] }
        """;

    /// <summary>A tenant with the funnel above, course "uxui" and cohort "uxui-3" (recruitment end 2025-11-14).</summary>
    public static async Task<string> SetUpCohortAsync(IServiceProvider services)
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await services.NewTenantAsync(1_000);
        var api = services.GetRequiredService<CohortApi>();
        Assert.Equal(200, (await api.SaveFunnelAsync(ApiCalls.Request(Funnel, new { tenantId = tenant }), ct)).StatusCode);
        Assert.Equal(200, (await api.SaveCourseAsync(ApiCalls.Request("""{ "name": "UXUI 디자인" }""", new { tenantId = tenant, courseId = "uxui" }), ct)).StatusCode);
        var cohort = await api.SaveCohortAsync(ApiCalls.Request("""
            { "courseId": "uxui", "name": "UXUI 3기", "referenceDates": {
              "recruitmentStart": "2025-10-01", "recruitmentEnd": "2025-11-14", "preCampStart": "2025-11-17",
              "courseStart": "2025-12-01", "courseEnd": "2026-04-30", "demoDay": "2026-04-24" } }
            """, new { tenantId = tenant, cohortId = "uxui-3" }), ct);
        Assert.Equal(200, cohort.StatusCode);
        return tenant;
    }

    [Fact]
    public async Task Ndjson_people_with_bad_rows_are_refused_naming_each_row_and_nothing_is_written()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await SetUpCohortAsync(services);
        var api = services.GetRequiredService<CohortApi>();
        var body = string.Join('\n',
            """{ "phone": "010-1000-0001", "name": "김하나", "stage": "app-writing", "hasCard": true, "age": 27 }""",
            """{ "phone": "02-123-4567", "name": "유선", "stage": "app-writing" }""",
            """{ "phone": "010-1000-0003", "name": "박셋", "stage": "no-such-stage" }""",
            """{ "phone": "010-1000-0004", "name": "최넷", "stage": "joined", "lectureProgress": 140 }""");

        var refused = await api.UpsertPeopleAsync(ApiCalls.Request(body, new { tenantId = tenant, cohortId = "uxui-3" }, contentType: "application/x-ndjson"), ct);

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("row 2, row 3, row 4", refused.ErrorFields());
        var missing = await api.GetPersonAsync(ApiCalls.Request(null, new { tenantId = tenant, cohortId = "uxui-3", phone = "010-1000-0001" }), ct);
        Assert.Equal(404, missing.StatusCode);
    }

    [Fact]
    public async Task A_json_array_of_people_is_stored_with_every_field_and_read_back_by_phone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await SetUpCohortAsync(services);
        var api = services.GetRequiredService<CohortApi>();
        var body = """
            [ { "phone": "010-1000-0001", "name": "김하나", "stage": "app-writing", "stageEnteredAt": "2025-11-10T09:00:00+09:00",
                "hasCard": true, "age": 27, "programmingLevel": "beginner", "waitlistRank": 3, "lectureProgress": 42.5,
                "preCampAttendance": { "2025-11-17": true, "2025-11-18": false }, "custom": { "region": "서울", "referral": true } } ]
            """;

        var response = await api.UpsertPeopleAsync(ApiCalls.Request(body, new { tenantId = tenant, cohortId = "uxui-3" }), ct);
        Assert.Equal(200, response.StatusCode);

        var person = (Person)(await api.GetPersonAsync(ApiCalls.Request(null, new { tenantId = tenant, cohortId = "uxui-3", phone = "01010000001" }), ct)).Body!;
        Assert.Equal(("01010000001", "김하나", "app-writing", true, 27, "beginner", 3, 42.5m), (person.Phone, person.Name, person.Stage, person.HasCard, person.Age, person.ProgrammingLevel, person.WaitlistRank, person.LectureProgress));
        Assert.Equal(new DateTimeOffset(2025, 11, 10, 0, 0, 0, TimeSpan.Zero), person.StageEnteredAt);
        Assert.Equal([true, false], person.PreCampAttendance.OrderBy(a => a.Key).Select(a => a.Value));
        Assert.Equal("서울", person.Custom["region"].Text);
    }

    [Fact]
    public async Task A_stage_change_reads_and_writes_one_bucket_whatever_the_cohort_size()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await SetUpCohortAsync(services);
        var api = services.GetRequiredService<CohortApi>();
        var people = string.Join('\n', Enumerable.Range(0, 5_000).Select(i => $$"""{ "phone": "010{{2_000_0000 + i}}", "stage": "app-writing" }"""));
        Assert.Equal(200, (await api.UpsertPeopleAsync(ApiCalls.Request(people, new { tenantId = tenant, cohortId = "uxui-3" }, contentType: "application/x-ndjson"), ct)).StatusCode);
        var counter = services.GetRequiredService<RequestCounter>();

        counter.Reset();
        var store = services.GetRequiredService<ICohortPeopleStore>();
        var changed = await store.UpdateAsync(tenant, "uxui-3", "01020000042", p => p with { Stage = "docs-passed" }, ct);
        Assert.Equal(2, counter.Total);

        counter.Reset();
        var scanned = 0;
        await foreach (var _ in store.ScanAsync(tenant, "uxui-3", ct))
        {
            scanned++;
        }

        Assert.Equal(5_000, scanned);
        Assert.InRange(counter.Total, 1, 2); // 256 buckets at most: one or two pages, never a read per person
        Assert.Equal("docs-passed", changed!.Stage);
    }

    [Fact]
    public async Task A_stage_change_over_http_moves_the_person_and_an_unknown_stage_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await SetUpCohortAsync(services);
        var api = services.GetRequiredService<CohortApi>();
        await api.UpsertPeopleAsync(ApiCalls.Request("""[ { "phone": "010-1000-0001", "stage": "app-writing" } ]""", new { tenantId = tenant, cohortId = "uxui-3" }), ct);
        var route = new { tenantId = tenant, cohortId = "uxui-3", phone = "010-1000-0001" };

        var moved = await api.ChangeStageAsync(ApiCalls.Request("""{ "stage": "docs-passed", "enteredAt": "2025-11-12T15:00:00+09:00" }""", route), ct);
        var unknown = await api.ChangeStageAsync(ApiCalls.Request("""{ "stage": "nowhere" }""", route), ct);
        var nobody = await api.ChangeStageAsync(ApiCalls.Request("""{ "stage": "joined" }""", route with { phone = "010-9999-9999" }), ct);

        Assert.Equal((200, "docs-passed"), (moved.StatusCode, ((Person)moved.Body!).Stage));
        Assert.Equal((400, "stage"), (unknown.StatusCode, unknown.ErrorFields()));
        Assert.Equal(404, nobody.StatusCode);
    }

    [Fact]
    public async Task A_cohorts_course_cannot_change_and_a_cohort_needs_an_existing_course()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await SetUpCohortAsync(services);
        var api = services.GetRequiredService<CohortApi>();
        await api.SaveCourseAsync(ApiCalls.Request("""{ "name": "데이터 분석" }""", new { tenantId = tenant, courseId = "data" }), ct);

        var moved = await api.SaveCohortAsync(ApiCalls.Request("""{ "courseId": "data", "name": "UXUI 3기" }""", new { tenantId = tenant, cohortId = "uxui-3" }), ct);
        var orphan = await api.SaveCohortAsync(ApiCalls.Request("""{ "courseId": "nope", "name": "없는 과정 1기" }""", new { tenantId = tenant, cohortId = "nope-1" }), ct);
        var badDate = await api.SaveCohortAsync(ApiCalls.Request("""{ "courseId": "uxui", "name": "UXUI 4기", "referenceDates": { "courseStart": "2026-02-30" } }""", new { tenantId = tenant, cohortId = "uxui-4" }), ct);

        Assert.Equal((400, "courseId"), (moved.StatusCode, moved.ErrorFields()));
        Assert.Equal((400, "courseId"), (orphan.StatusCode, orphan.ErrorFields()));
        Assert.Equal(400, badDate.StatusCode);
        var cohort = (Cohort)(await api.GetCohortAsync(ApiCalls.Request(null, new { tenantId = tenant, cohortId = "uxui-3" }), ct)).Body!;
        Assert.Equal(("uxui", new DateOnly(2025, 11, 14)), (cohort.CourseId, cohort.ReferenceDates["recruitmentEnd"]));
    }
}
