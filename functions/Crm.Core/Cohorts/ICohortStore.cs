namespace Crm.Core.Cohorts;

/// <summary>
/// A tenant's funnel, courses, cohorts and date-based events (B1–B5), one entity each, and the
/// events' due index: one partition sorted by time, holding each event's next run.
/// </summary>
public interface ICohortStore
{
    Task<Funnel?> GetFunnelAsync(string tenantId, CancellationToken cancellationToken);

    Task SaveFunnelAsync(string tenantId, Funnel funnel, CancellationToken cancellationToken);

    Task<Course?> GetCourseAsync(string tenantId, string courseId, CancellationToken cancellationToken);

    Task SaveCourseAsync(Course course, CancellationToken cancellationToken);

    Task<Cohort?> GetCohortAsync(string tenantId, string cohortId, CancellationToken cancellationToken);

    Task SaveCohortAsync(Cohort cohort, CancellationToken cancellationToken);

    Task<CohortEvent?> GetEventAsync(string tenantId, string cohortId, string eventId, CancellationToken cancellationToken);

    /// <summary>Stores a new event; an event with its id already stored is a conflict.</summary>
    Task CreateEventAsync(CohortEvent cohortEvent, CancellationToken cancellationToken);

    /// <summary>Saves the event if nobody changed it since it was read (its <see cref="CohortEvent.Version"/>); false on a conflict.</summary>
    Task<bool> TryUpdateEventAsync(CohortEvent cohortEvent, CancellationToken cancellationToken);

    Task DeleteEventAsync(CohortEvent cohortEvent, CancellationToken cancellationToken);

    /// <summary>Every event of the cohort: one range read of the tenant's partition.</summary>
    Task<IReadOnlyList<CohortEvent>> ListEventsAsync(string tenantId, string cohortId, CancellationToken cancellationToken);

    Task AddDueAsync(DueEventRun due, CancellationToken cancellationToken);

    Task RemoveDueAsync(DueEventRun due, CancellationToken cancellationToken);

    /// <summary>Event runs due by <paramref name="now"/>, of every tenant: one range read.</summary>
    Task<IReadOnlyList<DueEventRun>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
