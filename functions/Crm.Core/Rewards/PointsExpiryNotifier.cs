using System.Collections.Concurrent;
using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Rewards;

/// <summary>
/// R4, with the daily timer: three days before a tenant's next expiry run, every customer whose
/// points due to expire at that run reach the threshold gets one AlimTalk naming the amount and
/// the date. One campaign per tenant and run, under an id derived from the run, so a second
/// attempt the same day sends nothing more.
/// </summary>
public sealed partial class PointsExpiryNotifier(
    ITenantStore tenants,
    IPointsPolicyStore policies,
    IPointsStore points,
    ICustomerStore customers,
    CampaignService campaigns,
    TimeProvider time,
    ILogger<PointsExpiryNotifier> logger)
{
    public const int DaysBefore = 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        await foreach (var state in policies.ListAsync(cancellationToken))
        {
            try
            {
                sent += await NotifyTenantAsync(state, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, state.TenantId);
            }
        }

        return sent;
    }

    /// <summary>One tenant's D-3 notices, if due (what <see cref="RunAsync"/> does for every tenant).</summary>
    public async Task<int> NotifyTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        await policies.GetAsync(tenantId, cancellationToken) is { } state ? await NotifyTenantAsync(state, cancellationToken) : 0;

    private async Task<int> NotifyTenantAsync(PointsPolicyState state, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(state.TenantId, cancellationToken);
        if (tenant is null || !state.Policy.ExpiryNotices || state.Policy.ExpiryNoticeTemplate is null)
        {
            return 0;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var today = PointsExpiryRunner.Today(time.GetUtcNow(), zone);
        var run = state.Policy.NextRunAfter(today);
        if (run.DayNumber - today.DayNumber != DaysBefore || state.LastNoticeRun >= run)
        {
            return 0;
        }

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
            var submission = PointsNotices.Campaign(tenant, state.Policy.ExpiryNoticeTemplate, PointsNotices.ExpiryText, recipients);
            await campaigns.SubmitOnceAsync(tenant, submission, CampaignIds.ForRun($"{state.TenantId}:points-expiry-notice", run.DayNumber, cutoff.AddDays(-DaysBefore)), cancellationToken);
        }

        await policies.SaveAsync(state with { LastNoticeRun = run }, cancellationToken);
        LogNotified(logger, state.TenantId, run, recipients.Count);
        return recipients.Count;
    }

    // Every bucket is read once (16 at a time); customers whose points due by the cutoff reach the threshold.
    private async Task<ConcurrentDictionary<string, long>> SelectAsync(string tenantId, DateTimeOffset cutoff, long threshold, CancellationToken cancellationToken)
    {
        var due = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = PointsBuckets.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, PointsBuckets.Count, options, async (number, ct) =>
        {
            foreach (var account in (await points.GetAsync(tenantId, number, ct)).Accounts)
            {
                var amount = account.ExpiringAt(cutoff).Sum(g => g.Remaining);
                if (amount > 0 && amount >= threshold)
                {
                    due[account.Phone] = amount;
                }
            }
        });

        return due;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "D-3 points notices for {TenantId}, run {Run}: {Recipients} customers reach the threshold")]
    private static partial void LogNotified(ILogger logger, string tenantId, DateOnly run, int recipients);

    [LoggerMessage(Level = LogLevel.Error, Message = "D-3 points notices for {TenantId} failed; retried on the next timer run")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tenantId);
}
