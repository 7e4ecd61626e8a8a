using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crm.Core.Audiences.Conditions;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Tenants;

namespace Crm.Core.Cohorts;

/// <summary>
/// Date-based events (B1–B6): save with every run's computed send time, preview with the audience
/// now, list, clone, delete and switch off, and keep each event's next run in the due index that
/// the every-minute sweep reads.
/// </summary>
public sealed class CohortEventService(
    TenantService tenants, ICohortStore store, ICohortPeopleStore people, CampaignService campaigns, IMessageProvider provider, TimeProvider time)
{
    /// <summary>Runs older than this are finished (a night hold ends the next morning), so "all off" leaves their campaigns alone.</summary>
    private static readonly TimeSpan RecentRuns = TimeSpan.FromDays(2);

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

    /// <summary>B6: a cohort's events sorted by next send time (events with none last) or by on/off, a page at a time.</summary>
    public async Task<ResultPage<EventSummary>> ListAsync(
        string tenantId, string cohortId, EventSort sort, bool descending, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var (_, cohort, _, zone) = await LoadAsync(tenantId, cohortId, cancellationToken);
        var skip = 0;
        if (continuationToken is not null && (!int.TryParse(continuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            throw new CrmValidationException("continuationToken", "Pass back the continuationToken of the previous page unchanged.");
        }

        // A cohort has tens of events, read in one range: sorting them here costs nothing.
        var all = (await store.ListEventsAsync(tenantId, cohortId, cancellationToken)).Select(e => EventSummary.From(e, cohort, zone));
        var byNext = descending
            ? all.OrderBy(e => e.NextSendAt is null).ThenByDescending(e => e.NextSendAt)
            : all.OrderBy(e => e.NextSendAt is null).ThenBy(e => e.NextSendAt);
        var sorted = (sort == EventSort.Enabled
                ? (descending ? all.OrderByDescending(e => e.Enabled) : all.OrderBy(e => e.Enabled)).ThenBy(e => e.NextSendAt is null).ThenBy(e => e.NextSendAt)
                : byNext)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();
        var page = sorted.Skip(skip).Take(pageSize).ToList();
        var next = skip + page.Count < sorted.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new ResultPage<EventSummary>(page, next);
    }

    /// <summary>B6: a copy of the event in the same cohort, never another; the copy starts off and has no runs.</summary>
    public async Task<EventView> CloneAsync(string tenantId, string cohortId, string eventId, CloneRequest? request, CancellationToken cancellationToken)
    {
        var (_, cohort, _, zone) = await LoadAsync(tenantId, cohortId, cancellationToken);
        var source = await GetRequiredAsync(tenantId, cohortId, eventId, cancellationToken);
        if (request?.CohortId is { } target && target != cohortId)
        {
            throw new CrmValidationException("cohortId", $"An event is cloned within its own cohort ('{cohortId}') only (B6).");
        }

        if (request?.Name is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > 100))
        {
            throw new CrmValidationException("name", "The clone's name, at most 100 characters.");
        }

        var now = time.GetUtcNow();
        var clone = source with
        {
            EventId = CampaignIds.New(now),
            Name = request?.Name?.Trim() ?? $"{source.Name} (복제)",
            Enabled = false,
            CreatedAt = now,
            UpdatedAt = now,
            NextRun = null,
            NextRunAt = null,
            RunClaimedAt = null,
            Runs = [],
            Version = null,
        };
        await store.CreateEventAsync(clone, cancellationToken);
        return EventView.From(clone, cohort, zone, now);
    }

    /// <summary>Deletes the event and its next run; campaigns it already registered, and any external campaign, stay as they are.</summary>
    public async Task DeleteAsync(string tenantId, string cohortId, string eventId, CancellationToken cancellationToken)
    {
        await LoadAsync(tenantId, cohortId, cancellationToken);
        var e = await GetRequiredAsync(tenantId, cohortId, eventId, cancellationToken);
        await store.DeleteEventAsync(e, cancellationToken);
        if (Due(e) is { } due)
        {
            await store.RemoveDueAsync(due, cancellationToken);
        }
    }

    /// <summary>
    /// B5 "all off" for a cohort, in two calls: without a token, the count of events on and a token
    /// naming exactly those; with it, each is switched off (its due run goes) and every run campaign
    /// of theirs not yet finished is cancelled, so nothing queued for them is sent after it. A token
    /// for another set of events (one was switched on or added since) is a 409: confirm again.
    /// </summary>
    public async Task<AllOffResult> AllOffAsync(string tenantId, string cohortId, AllOffRequest? request, CancellationToken cancellationToken)
    {
        var (_, cohort, _, zone) = await LoadAsync(tenantId, cohortId, cancellationToken);
        var on = (await store.ListEventsAsync(tenantId, cohortId, cancellationToken)).Where(e => e.Enabled).ToList();
        var token = ConfirmationToken(tenantId, cohortId, on);
        if (request?.ConfirmationToken is null)
        {
            return new AllOffResult(false, on.Count, token);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(request.ConfirmationToken), Encoding.ASCII.GetBytes(token)))
        {
            throw new ConflictException("The cohort's events changed since the token was issued (or the token is not one); ask for a new token and confirm again.");
        }

        int switchedOff = 0, cancelled = 0;
        foreach (var e in on)
        {
            for (var current = e; current is { Enabled: true };)
            {
                if (await SaveScheduleAsync(current, Schedule(current with { Enabled = false, UpdatedAt = time.GetUtcNow() }, cohort, zone, time.GetUtcNow()), cancellationToken) is not null)
                {
                    switchedOff++;
                    break;
                }

                current = await store.GetEventAsync(tenantId, cohortId, e.EventId, cancellationToken);
            }

            // Runs registered but not finished, and the run a sweep may be registering right now.
            var runIds = e.Runs.Where(r => r.SendAt > time.GetUtcNow() - RecentRuns).Select(r => r.CampaignId).OfType<string>().ToList();
            if (e.NextRun is { } next && e.NextRunAt is { } nextAt)
            {
                runIds.Add(CampaignIds.ForRun(e.EventId, next, nextAt));
            }

            foreach (var campaignId in runIds.Distinct())
            {
                cancelled += await CancelRunAsync(tenantId, campaignId, cancellationToken) ? 1 : 0;
            }
        }

        return new AllOffResult(true, on.Count, SwitchedOff: switchedOff, CampaignsCancelled: cancelled);
    }

    /// <summary>Cancels a run's campaign if it is registered and not finished; false otherwise.</summary>
    public async Task<bool> CancelRunAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            await campaigns.CancelAsync(tenantId, campaignId, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is ConflictException or NotFoundException)
        {
            return false;
        }
    }

    private static string ConfirmationToken(string tenantId, string cohortId, IEnumerable<CohortEvent> on)
    {
        var text = $"{tenantId}|{cohortId}|{string.Join(',', on.Select(e => e.EventId).Order(StringComparer.Ordinal))}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
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
