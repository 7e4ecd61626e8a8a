using Crm.Core.Cohorts;

namespace Crm.Tests.Cohorts;

/// <summary>B1, B4: run times from reference dates in the tenant's zone, shown with the Korean weekday.</summary>
public sealed class EventScheduleTests
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static Cohort Cohort(string name, DateOnly date) =>
        new("t", "uxui-3", "uxui", "UXUI 3기", new Dictionary<string, DateOnly> { [name] = date });

    private static CohortEvent Event(string reference, int offset, string time, EventRepeat? repeat = null) => new()
    {
        TenantId = "t",
        EventId = "e",
        CourseId = "uxui",
        CohortId = "uxui-3",
        Name = "테스트",
        ReferenceDate = reference,
        OffsetDays = offset,
        TimeOfDay = TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture),
        Target = new EventTarget([FunnelContext.WritingApplication], []),
        Repeat = repeat,
        Message = new EventMessage(),
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static IEnumerable<string> Displays(Cohort cohort, CohortEvent e, TimeZoneInfo zone) =>
        EventSchedule.Runs(cohort, e, zone).Select(r => EventSchedule.Display(r.At, zone));

    [Fact]
    public void D_minus_1_of_recruitment_end_on_2025_11_14_at_10_is_thursday_the_13th_at_10_kst()
    {
        var runs = EventSchedule.Runs(Cohort("recruitmentEnd", new DateOnly(2025, 11, 14)), Event("recruitmentEnd", -1, "10:00"), Seoul);

        var (run, at) = Assert.Single(runs);
        Assert.Equal((1, new DateTimeOffset(2025, 11, 13, 1, 0, 0, TimeSpan.Zero)), (run, at.ToUniversalTime()));
        Assert.Equal("2025-11-13 (목) 10:00", EventSchedule.Display(at, Seoul));
    }

    [Fact]
    public void Korea_has_no_dst_so_10_kst_is_01_utc_in_winter_and_summer_alike()
    {
        var winter = EventSchedule.At(new DateOnly(2026, 1, 15), new TimeOnly(10, 0), Seoul);
        var summer = EventSchedule.At(new DateOnly(2026, 7, 15), new TimeOnly(10, 0), Seoul);

        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(1)), (winter.UtcDateTime.TimeOfDay, summer.UtcDateTime.TimeOfDay));
    }

    [Fact]
    public void Repeating_every_2_days_across_a_month_end_counts_calendar_days_and_stops_after_3_runs()
    {
        var cohort = Cohort("preCampStart", new DateOnly(2025, 10, 29));

        var displays = Displays(cohort, Event("preCampStart", 1, "09:30", new EventRepeat(2, Runs: 3)), Seoul);

        Assert.Equal(["2025-10-30 (목) 09:30", "2025-11-01 (토) 09:30", "2025-11-03 (월) 09:30"], displays);
    }

    [Fact]
    public void Repeating_until_a_date_includes_that_day_and_nothing_after()
    {
        var cohort = Cohort("courseStart", new DateOnly(2026, 2, 26));

        var displays = Displays(cohort, Event("courseStart", 0, "20:00", new EventRepeat(1, Until: new DateOnly(2026, 3, 1))), Seoul);

        Assert.Equal(["2026-02-26 (목) 20:00", "2026-02-27 (금) 20:00", "2026-02-28 (토) 20:00", "2026-03-01 (일) 20:00"], displays);
    }

    [Fact]
    public void A_tenant_in_new_york_keeps_10_local_across_the_dst_change_and_a_skipped_hour_moves_to_the_first_valid_minute()
    {
        var cohort = Cohort("courseStart", new DateOnly(2025, 11, 1));
        var runs = EventSchedule.Runs(cohort, Event("courseStart", 0, "10:00", new EventRepeat(1, Runs: 2)), NewYork);

        // 2025-11-02: clocks go back from EDT (UTC-4) to EST (UTC-5).
        Assert.Equal([new DateTimeOffset(2025, 11, 1, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 11, 2, 15, 0, 0, TimeSpan.Zero)], runs.Select(r => r.At.ToUniversalTime()));
        Assert.Equal(["2025-11-01 (토) 10:00", "2025-11-02 (일) 10:00"], runs.Select(r => EventSchedule.Display(r.At, NewYork)));

        // 2026-03-08 02:30 does not exist in New York (02:00 jumps to 03:00).
        var skipped = EventSchedule.At(new DateOnly(2026, 3, 8), new TimeOnly(2, 30), NewYork);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), skipped.ToUniversalTime());
    }

    [Fact]
    public void A_cohort_without_the_reference_date_has_no_runs()
    {
        Assert.Empty(EventSchedule.Runs(Cohort("courseStart", new DateOnly(2026, 1, 1)), Event("recruitmentEnd", -1, "10:00"), Seoul));
    }
}
