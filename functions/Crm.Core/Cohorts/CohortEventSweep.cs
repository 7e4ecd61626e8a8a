using Crm.Core.Audiences.Conditions;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Cohorts;

/// <summary>
/// The every-minute timer of date-based events (O1): each due run becomes an ordinary campaign
/// (an explicit list, id derived from the event and run number) through the campaign pipeline:
/// credits per 1,000, night rule, batches, workflow, history. The audience is read at that moment
/// from the live stages (B2), one read of the cohort's buckets for all its events due together.
/// A run is created once: the event is claimed under its version before anything is registered,
/// the campaign id is derived, and the due entry goes only after the run is recorded. A run of an
/// event linked to an external campaign (B7) goes to that campaign instead.
/// </summary>
public sealed partial class CohortEventSweep(
    ITenantStore tenants,
    ICohortStore store,
    ICohortPeopleStore people,
    CohortEventService events,
    CampaignService campaigns,
    IExternalCampaigns external,
    CohortEventOptions options,
    TimeProvider time,
    ILogger<CohortEventSweep> logger)
{
    /// <summary>How long a claim keeps other sweeps off a run; a sweep that died holding one is taken over after it.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Handles every run due by now; returns the campaigns registered.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var registered = 0;
        foreach (var cohortDue in (await store.ListDueAsync(now, cancellationToken)).GroupBy(d => (d.TenantId, d.CohortId)))
        {
            try
            {
                registered += await RunCohortAsync(cohortDue.Key.TenantId, cohortDue.Key.CohortId, cohortDue.ToList(), now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One cohort's fault does not hold the others; its due entries stay for the next minute.
                LogFailed(logger, ex, cohortDue.Key.TenantId, cohortDue.Key.CohortId);
            }
        }

        return registered;
    }

    private async Task<int> RunCohortAsync(string tenantId, string cohortId, List<DueEventRun> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(tenantId, cancellationToken);
        var cohort = await store.GetCohortAsync(tenantId, cohortId, cancellationToken);
        var funnel = await store.GetFunnelAsync(tenantId, cancellationToken);
        var claimed = new List<(DueEventRun Due, CohortEvent Event)>();
        foreach (var d in due)
        {
            var e = await store.GetEventAsync(tenantId, cohortId, d.EventId, cancellationToken);
            if (tenant is null || cohort is null || funnel is null || e is null || !e.Enabled || e.NextRun != d.Run || e.NextRunAt != d.SendAt)
            {
                // Deleted, switched off (B5), or its next run moved: the entry is stale.
                await store.RemoveDueAsync(d, cancellationToken);
                continue;
            }

            if (e.RunClaimedAt is { } at && now - at < ClaimTimeout)
            {
                continue;
            }

            if (await store.TryUpdateEventAsync(e with { RunClaimedAt = now }, cancellationToken)
                && await store.GetEventAsync(tenantId, cohortId, d.EventId, cancellationToken) is { } mine)
            {
                claimed.Add((d, mine));
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant!.TimeZone);
        var course = await store.GetCourseAsync(tenantId, cohort!.CourseId, cancellationToken);
        var audiences = claimed.Where(c => !IsMissed(c.Due, now)).ToDictionary(c => c.Event.EventId, c => (Rule: EventAudience.Of(c.Event, funnel!), Recipients: new List<RecipientSubmission?>()));
        if (audiences.Count > 0)
        {
            var context = new EvaluationContext(now, zone);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            await foreach (var person in people.ScanAsync(tenantId, cohortId, cancellationToken))
            {
                foreach (var (rule, recipients) in audiences.Values)
                {
                    if (rule.Matches(person, context, today))
                    {
                        recipients.Add(new RecipientSubmission(person.Phone, EventAudience.Variables(person, cohort, course)));
                    }
                }
            }
        }

        var registered = 0;
        foreach (var (d, e) in claimed)
        {
            var run = await RegisterRunAsync(tenant, d, e, audiences.TryGetValue(e.EventId, out var audience) ? audience.Recipients : null, cancellationToken);
            registered += run.Status == EventRunStatus.Created ? 1 : 0;
            await RecordRunAsync(e, d, run, cohort, zone, cancellationToken);
            LogRun(logger, e.EventId, d.Run, run.Status, run.CampaignId, run.Recipients);
        }

        return registered;
    }

    private bool IsMissed(DueEventRun due, DateTimeOffset now) => due.SendAt < now - options.MissedRunGrace;

    private async Task<EventRun> RegisterRunAsync(Tenant tenant, DueEventRun d, CohortEvent e, List<RecipientSubmission?>? recipients, CancellationToken cancellationToken)
    {
        if (recipients is null)
        {
            return new EventRun(d.Run, d.SendAt, EventRunStatus.Missed, Error: $"Not sent: more than {options.MissedRunGrace} late when the timer ran again.");
        }

        if (recipients.Count == 0)
        {
            return new EventRun(d.Run, d.SendAt, EventRunStatus.NoAudience);
        }

        if (e.ExternalCampaign is { } link)
        {
            // B7: the external tool sends it; the run id lets it recognise a run handed over twice.
            var runId = CampaignIds.ForRun(e.EventId, d.Run, d.SendAt);
            await external.SendRunAsync(
                new ExternalCampaignRun(tenant.TenantId, e.EventId, d.Run, runId, link.Id!, link.Name!, d.SendAt, recipients.Select(r => new Recipient(r!.Phone!, r.Variables)).ToList()),
                cancellationToken);
            return new EventRun(d.Run, d.SendAt, EventRunStatus.Created, Recipients: recipients.Count, ExternalRunId: runId);
        }

        try
        {
            var campaign = await campaigns.SubmitOnceAsync(tenant, e.Message!.ToSubmission(recipients), CampaignIds.ForRun(e.EventId, d.Run, d.SendAt), cancellationToken);

            // Switched off meanwhile (B5): "all off" cancels this run's campaign if it finds it, and
            // if it came too early to find it, this read sees the event off.
            if (await store.GetEventAsync(e.TenantId, e.CohortId, e.EventId, cancellationToken) is not { Enabled: true })
            {
                await events.CancelRunAsync(tenant.TenantId, campaign.CampaignId, cancellationToken);
                return new EventRun(d.Run, d.SendAt, EventRunStatus.Cancelled, campaign.CampaignId, campaign.RecipientCount);
            }

            return new EventRun(d.Run, d.SendAt, EventRunStatus.Created, campaign.CampaignId, campaign.RecipientCount);
        }
        catch (CrmValidationException ex)
        {
            return new EventRun(d.Run, d.SendAt, EventRunStatus.Failed, Error: ex.Message);
        }
    }

    // The run goes on the event with the next run (due even if already past: it is then sent late
    // or recorded missed by the next sweep), the next due entry first, this one last.
    private async Task RecordRunAsync(CohortEvent e, DueEventRun d, EventRun run, Cohort cohort, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        // Saving an event whose next run is this one removes this entry; otherwise it goes here.
        var entryRemoved = false;
        for (var current = e; ;)
        {
            var next = current.Enabled ? EventSchedule.Runs(cohort, current, zone).FirstOrDefault(r => r.Run > run.Run) : default;
            var after = current with
            {
                Runs = [.. current.Runs.Where(r => r.Run != run.Run), run],
                NextRun = next.Run == 0 ? null : next.Run,
                NextRunAt = next.Run == 0 ? null : next.At,
                RunClaimedAt = null,
            };
            if (await events.SaveScheduleAsync(current, after, cancellationToken) is not null)
            {
                entryRemoved = current.NextRun == d.Run && current.NextRunAt == d.SendAt;
                break;
            }

            if (await store.GetEventAsync(e.TenantId, e.CohortId, e.EventId, cancellationToken) is not { } fresh)
            {
                break;
            }

            current = fresh;
        }

        if (!entryRemoved)
        {
            await store.RemoveDueAsync(d, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Date-based events of tenant {TenantId} cohort {CohortId} failed; their runs are retried next minute")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tenantId, string cohortId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} run {Run}: {Status}, campaign {CampaignId}, {Recipients} recipients")]
    private static partial void LogRun(ILogger logger, string eventId, int run, EventRunStatus status, string? campaignId, int recipients);
}
