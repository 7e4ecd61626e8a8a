namespace Crm.Core.Cohorts;

/// <summary>An event as the API returns it: what was saved, every run with its computed send time and weekday, and the next send.</summary>
public sealed record EventView(CohortEvent Event, IReadOnlyList<ScheduledRunView> Runs, DateTimeOffset? NextSendAt, string? NextSendDisplay)
{
    public static EventView From(CohortEvent e, Cohort cohort, TimeZoneInfo zone, DateTimeOffset now)
    {
        var recorded = e.Runs.ToDictionary(r => r.Run);
        var runs = EventSchedule.Runs(cohort, e, zone)
            .Select(r => recorded.Remove(r.Run, out var done)
                ? new ScheduledRunView(r.Run, done.SendAt, EventSchedule.Display(done.SendAt, zone), done.Status, done.CampaignId, done.Recipients, done.Error)
                : new ScheduledRunView(r.Run, r.At, EventSchedule.Display(r.At, zone), r.At <= now ? EventRunStatus.Past : EventRunStatus.Scheduled))
            .Concat(recorded.Values.Select(done => new ScheduledRunView(done.Run, done.SendAt, EventSchedule.Display(done.SendAt, zone), done.Status, done.CampaignId, done.Recipients, done.Error)))
            .OrderBy(r => r.Run)
            .ToList();
        return new EventView(e with { Version = null }, runs, e.NextRunAt, e.NextRunAt is { } next ? EventSchedule.Display(next, zone) : null);
    }
}
