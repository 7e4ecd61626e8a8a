using System.Globalization;

namespace Crm.Core.Cohorts;

/// <summary>
/// When each run of an event is due (B1, B4): run n is on the reference date + offset + (n-1) ×
/// every days, at the time of day, in the tenant's zone. Dates are calendar days, so month ends
/// and a zone's DST are handled by the calendar, not by adding hours.
/// </summary>
public static class EventSchedule
{
    public const int MaxRuns = 366;
    private static readonly string[] KoreanWeekdays = ["일", "월", "화", "수", "목", "금", "토"];

    /// <summary>The local day of run <paramref name="run"/>; null when the cohort has no such reference date.</summary>
    public static DateOnly? DayOf(Cohort cohort, CohortEvent e, int run) =>
        cohort.ReferenceDates.TryGetValue(e.ReferenceDate, out var reference)
            ? reference.AddDays(e.OffsetDays + ((run - 1) * (e.Repeat?.EveryDays ?? 0)))
            : null;

    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);

        // A local time skipped by a DST jump does not exist: send at the first valid minute after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Every run of the event, in order: one without repeat, else until its end.</summary>
    public static IReadOnlyList<(int Run, DateTimeOffset At)> Runs(Cohort cohort, CohortEvent e, TimeZoneInfo zone)
    {
        var runs = new List<(int, DateTimeOffset)>();
        for (var run = 1; run <= (e.Repeat is null ? 1 : e.Repeat.Runs ?? MaxRuns); run++)
        {
            if (DayOf(cohort, e, run) is not { } day || (e.Repeat?.Until is { } until && day > until))
            {
                break;
            }

            runs.Add((run, At(day, e.TimeOfDay, zone)));
        }

        return runs;
    }

    /// <summary>"2025-11-13 (목) 10:00": the send time as the operator reads it, in the tenant's zone.</summary>
    public static string Display(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({KoreanWeekdays[(int)local.DayOfWeek]}) {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }
}
