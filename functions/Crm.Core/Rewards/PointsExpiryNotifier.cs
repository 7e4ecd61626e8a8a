using System.Collections.Concurrent;
using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Functions;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Rewards;

/// <summary>
/// R4. The daily timer queues one message per tenant whose next expiry run is three days away;
/// each tenant's job gives every customer whose points due to expire at that run reach the
/// threshold one AlimTalk naming the amount and the date. One campaign per tenant and run, under
/// an id derived from the run, so a second attempt the same day sends nothing more.
/// </summary>
public sealed partial class PointsExpiryNotifier(
    ITenantStore tenants,
    IPointsPolicyStore policies,
    IPointsStore points,
    ICustomerStore customers,
    CampaignService campaigns,
    PointsTenantQueue jobs,
    TimeProvider time,
    ILogger<PointsExpiryNotifier> logger)
{
    public const int DaysBefore = 3;

    /// <summary>The timer: queues a <see cref="PointsTenantJob"/> for every tenant with notices due today.</summary>
    public Task<int> EnqueueDueAsync(CancellationToken cancellationToken) =>
        jobs.EnqueueDueAsync(QueueNames.PointsExpiryNotices, (state, tenant) => DueRun(state, tenant) is not null, cancellationToken);

    /// <summary>One tenant's D-3 notices, if due today: the queue message's work. Returns how many customers get one.</summary>
    public async Task<int> NotifyTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var state = await policies.GetAsync(tenantId, cancellationToken);
        var tenant = state is null ? null : await tenants.GetAsync(tenantId, cancellationToken);
        if (state is null || tenant is null || DueRun(state, tenant) is not { } run || state.Policy.ExpiryNoticeTemplate is not { } template)
        {
            return 0;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var cutoff = PointsExpiryRunner.RunInstant(run, zone);
        var due = await SelectAsync(state.TenantId, cutoff, state.Policy.NoticeThreshold, cancellationToken);
        var names = (await customers.GetManyAsync(state.TenantId, [.. due.Keys], cancellationToken)).ToDictionary(c => c.Phone, c => c.Name, StringComparer.Ordinal);
        var date = run.ToString("yyyy년 M월 d일", System.Globalization.CultureInfo.InvariantCulture);
        var recipients = due.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new RecipientSubmission(d.Key, new Dictionary<string, string>
        {
            ["name"] = names.GetValueOrDefault(d.Key) ?? "고객",
            ["amount"] = PointsNotices.Won(d.Value),
            ["date"] = date,
        })).ToList();

        if (recipients.Count > 0)
        {
            var submission = PointsNotices.Campaign(tenant, template, PointsNotices.ExpiryText, recipients);
            await campaigns.SubmitOnceAsync(tenant, submission, CampaignIds.ForRun($"{state.TenantId}:points-expiry-notice", run.DayNumber, cutoff.AddDays(-DaysBefore)), cancellationToken);
        }

        await policies.RecordNoticeRunAsync(state.TenantId, run, cancellationToken);
        LogNotified(logger, state.TenantId, run, recipients.Count);
        return recipients.Count;
    }

    private DateOnly? DueRun(PointsPolicyState state, Tenant tenant)
    {
        if (!state.Policy.ExpiryNotices || state.Policy.ExpiryNoticeTemplate is null)
        {
            return null;
        }

        var today = PointsExpiryRunner.Today(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        var run = state.Policy.NextRunAfter(today);
        return run.DayNumber - today.DayNumber == DaysBefore && !(state.LastNoticeRun >= run) ? run : null;
    }

    // Every bucket is read once (16 at a time); customers whose points due by the cutoff reach the threshold.
    private async Task<ConcurrentDictionary<string, long>> SelectAsync(string tenantId, DateTimeOffset cutoff, long threshold, CancellationToken cancellationToken)
    {
        var due = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await PointsBuckets.ForEachAccountAsync(points, tenantId, account =>
        {
            var amount = account.ExpiringAt(cutoff).Sum(g => g.Remaining);
            if (amount > 0 && amount >= threshold)
            {
                due[account.Phone] = amount;
            }
        }, cancellationToken);

        return due;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "D-3 points notices for {TenantId}, run {Run}: {Recipients} customers reach the threshold")]
    private static partial void LogNotified(ILogger logger, string tenantId, DateOnly run, int recipients);

}
