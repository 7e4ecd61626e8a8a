using Crm.Core.Audiences.Conditions;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Tenants;

namespace Crm.Core.Cohorts;

/// <summary>
/// Date-based events (B1–B6): save with every run's computed send time, preview with the audience
/// now, and keep each event's next run in the due index that the every-minute sweep reads.
/// </summary>
public sealed class CohortEventService(TenantService tenants, ICohortStore store, ICohortPeopleStore people, IMessageProvider provider, TimeProvider time)
{
    public async Task<EventView> CreateAsync(string tenantId, string cohortId, EventSubmission? submission, CancellationToken cancellationToken)
    {
        var (tenant, cohort, funnel, zone) = await LoadAsync(tenantId, cohortId, cancellationToken);
        var now = time.GetUtcNow();
        var created = EventValidator.Validate(tenant, cohort, funnel, submission, null, CampaignIds.New(now), now, provider.Refuses);
        var scheduled = Schedule(created, cohort, zone, now);
        if (scheduled.NextRun is { } run)
        {
            await store.AddDueAsync(new DueEventRun(tenantId, cohortId, scheduled.EventId, run, scheduled.NextRunAt!.Value), cancellationToken);
        }

        await store.CreateEventAsync(scheduled, cancellationToken);
        return EventView.From(scheduled, cohort, zone, now);
    }

    /// <summary>Edits an event (B6: never its course or cohort); its next run is recomputed from the new schedule.</summary>
    public async Task<EventView> UpdateAsync(string tenantId, string cohortId, string eventId, EventSubmission? submission, CancellationToken cancellationToken)
    {
        var (tenant, cohort, funnel, zone) = await LoadAsync(tenantId, cohortId, cancellationToken);
        var existing = await GetRequiredAsync(tenantId, cohortId, eventId, cancellationToken);
        var now = time.GetUtcNow();
        var edited = EventValidator.Validate(tenant, cohort, funnel, submission, existing, eventId, now, provider.Refuses);
        var saved = await SaveScheduleAsync(existing, Schedule(edited, cohort, zone, now), cancellationToken)
            ?? throw new ConflictException("The event changed while it was being saved; read it again and resend the edit.");
        return EventView.From(saved, cohort, zone, now);
    }

    public async Task<EventView> GetAsync(string tenantId, string cohortId, string eventId, CancellationToken cancellationToken)
    {
        var (_, cohort, _, zone) = await LoadAsync(tenantId, cohortId, cancellationToken);
        return EventView.From(await GetRequiredAsync(tenantId, cohortId, eventId, cancellationToken), cohort, zone, time.GetUtcNow());
    }

    /// <summary>B1: what saving would give, without saving: every run's send time and weekday, and the audience if it were sent now.</summary>
    public async Task<EventPreview> PreviewAsync(string tenantId, string cohortId, EventSubmission? submission, CancellationToken cancellationToken)
    {
        var (tenant, cohort, funnel, zone) = await LoadAsync(tenantId, cohortId, cancellationToken);
        var now = time.GetUtcNow();
        var e = EventValidator.Validate(tenant, cohort, funnel, submission, null, "preview", now, provider.Refuses);
        var audience = EventAudience.Of(e, funnel!);
        var context = new EvaluationContext(now, zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var count = 0;
        await foreach (var person in people.ScanAsync(tenantId, cohortId, cancellationToken))
        {
            if (audience.Matches(person, context, today))
            {
                count++;
            }
        }

        return new EventPreview(EventView.From(e, cohort, zone, now).Runs, count);
    }

    /// <summary>After a cohort's reference dates changed: every event's next run follows them.</summary>
    public async Task RescheduleCohortAsync(string tenantId, string cohortId, CancellationToken cancellationToken)
    {
        var (_, cohort, _, zone) = await LoadAsync(tenantId, cohortId, cancellationToken);
        foreach (var e in await store.ListEventsAsync(tenantId, cohortId, cancellationToken))
        {
            for (var current = e; current is not null;)
            {
                if (await SaveScheduleAsync(current, Schedule(current, cohort, zone, time.GetUtcNow()), cancellationToken) is not null)
                {
                    break;
                }

                current = await store.GetEventAsync(tenantId, cohortId, e.EventId, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The event with its next run: the first after the runs already done whose time is still ahead,
    /// none when it is off or its runs are over. Runs whose time passed before it was saved are never sent.
    /// </summary>
    public static CohortEvent Schedule(CohortEvent e, Cohort cohort, TimeZoneInfo zone, DateTimeOffset now)
    {
        var done = e.Runs.Count == 0 ? 0 : e.Runs.Max(r => r.Run);
        var next = e.Enabled ? EventSchedule.Runs(cohort, e, zone).FirstOrDefault(r => r.Run > done && r.At > now) : default;
        return next.Run == 0
            ? e with { NextRun = null, NextRunAt = null, RunClaimedAt = null }
            : e with { NextRun = next.Run, NextRunAt = next.At, RunClaimedAt = e.NextRun == next.Run ? e.RunClaimedAt : null };
    }

    /// <summary>
    /// Saves an event whose next run may have moved: the new due entry first (a crash leaves an entry
    /// the sweep drops, never an event nobody sends), then the event under its version, then the old
    /// entry goes. Null when someone changed the event meanwhile.
    /// </summary>
    public async Task<CohortEvent?> SaveScheduleAsync(CohortEvent before, CohortEvent after, CancellationToken cancellationToken)
    {
        var oldDue = Due(before);
        var newDue = Due(after);
        if (newDue is not null && newDue != oldDue)
        {
            await store.AddDueAsync(newDue, cancellationToken);
        }

        if (!await store.TryUpdateEventAsync(after, cancellationToken))
        {
            return null;
        }

        if (oldDue is not null && oldDue != newDue)
        {
            await store.RemoveDueAsync(oldDue, cancellationToken);
        }

        return await store.GetEventAsync(after.TenantId, after.CohortId, after.EventId, cancellationToken);
    }

    private static DueEventRun? Due(CohortEvent e) =>
        e.NextRun is { } run ? new DueEventRun(e.TenantId, e.CohortId, e.EventId, run, e.NextRunAt!.Value) : null;

    private async Task<CohortEvent> GetRequiredAsync(string tenantId, string cohortId, string eventId, CancellationToken cancellationToken) =>
        (CohortIds.IsValid(eventId) ? await store.GetEventAsync(tenantId, cohortId, eventId, cancellationToken) : null)
        ?? throw new NotFoundException("Event", eventId);

    private async Task<(Tenant Tenant, Cohort Cohort, Funnel? Funnel, TimeZoneInfo Zone)> LoadAsync(string tenantId, string cohortId, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var cohort = (CohortIds.IsValid(cohortId) ? await store.GetCohortAsync(tenantId, cohortId, cancellationToken) : null)
            ?? throw new NotFoundException("Cohort", cohortId);
        return (tenant, cohort, await store.GetFunnelAsync(tenantId, cancellationToken), TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
    }
}
