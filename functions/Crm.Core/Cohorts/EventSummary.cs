namespace Crm.Core.Cohorts;

/// <summary>A row of a cohort's event list (seed 003's dashboard): next send, on/off, name, reference date and repeat.</summary>
public sealed record EventSummary(
    string EventId, string Name, bool Enabled, DateTimeOffset? NextSendAt, string? NextSendDisplay, string ReferenceDate, DateOnly? ReferenceDay, int OffsetDays,
    string TimeOfDay, EventRepeat? Repeat, int RunsDone)
{
    public static EventSummary From(CohortEvent e, Cohort cohort, TimeZoneInfo zone) => new(
        e.EventId,
        e.Name,
        e.Enabled,
        e.NextRunAt,
        e.NextRunAt is { } next ? EventSchedule.Display(next, zone) : null,
        e.ReferenceDate,
        cohort.ReferenceDates.TryGetValue(e.ReferenceDate, out var day) ? day : null,
        e.OffsetDays,
        e.TimeOfDay.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        e.Repeat,
        e.Runs.Count);
}
