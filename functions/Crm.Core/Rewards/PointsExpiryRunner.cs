using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Rewards;

/// <summary>
/// R3, the daily timer: for every tenant whose latest expiry run (in its own zone) has not been
/// done, expires every grant past its validity at that run. Safe to run twice (each customer's
/// expiry is one operation per run date) and a missed day is caught up: the latest due run expires
/// everything up to it.
/// </summary>
public sealed partial class PointsExpiryRunner(
    ITenantStore tenants,
    IPointsPolicyStore policies,
    IPointsExpiryIndex index,
    IPointsStore points,
    TimeProvider time,
    ILogger<PointsExpiryRunner> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var runs = 0;
        await foreach (var state in policies.ListAsync(cancellationToken))
        {
            try
            {
                runs += await RunTenantAsync(state, cancellationToken) ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, state.TenantId);
            }
        }

        return runs;
    }

    /// <summary>The moment a run date begins in the tenant's zone: grants expiring by then are expired.</summary>
    public static DateTimeOffset RunInstant(DateOnly run, TimeZoneInfo zone)
    {
        var local = run.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>One tenant's run, if one is due (what <see cref="RunAsync"/> does for every tenant).</summary>
    public async Task<bool> RunTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        await policies.GetAsync(tenantId, cancellationToken) is { } state && await RunTenantAsync(state, cancellationToken);

    private async Task<bool> RunTenantAsync(PointsPolicyState state, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(state.TenantId, cancellationToken);
        if (tenant is null)
        {
            return false;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var due = state.Policy.LatestRunOnOrBefore(Today(time.GetUtcNow(), zone));
        if (due is not { } run || state.LastExpiryRun >= run)
        {
            return false;
        }

        var cutoff = RunInstant(run, zone);
        var expired = 0L;
        var customers = 0;
        var entries = new List<ExpiryIndexEntry>();
        await foreach (var entry in index.ListAsync(state.TenantId, null, cutoff, cancellationToken))
        {
            entries.Add(entry);
        }

        foreach (var byPhone in entries.GroupBy(e => e.Phone))
        {
            var amount = await ExpireCustomerAsync(state.TenantId, byPhone.Key, run, cutoff, cancellationToken);
            expired += amount;
            customers += amount > 0 ? 1 : 0;
        }

        await index.RemoveAsync(state.TenantId, entries, cancellationToken);
        await policies.SaveAsync(state with { LastExpiryRun = run }, cancellationToken);
        LogRun(logger, state.TenantId, run, customers, expired);
        return true;
    }

    // One operation per customer and run date ("expire:2026-12-01"): a second run the same day finds it applied.
    private async Task<long> ExpireCustomerAsync(string tenantId, string phone, DateOnly run, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var operationId = $"expire:{run:yyyy-MM-dd}";
        while (true)
        {
            if (await points.HasOperationAsync(tenantId, phone, operationId, cancellationToken))
            {
                return 0;
            }

            var account = await points.GetAsync(tenantId, phone, cancellationToken);
            var expiring = account.ExpiringAt(cutoff);
            var amount = expiring.Sum(g => g.Remaining);
            if (amount == 0)
            {
                return 0;
            }

            var entry = new PointsEntry(account.LastSequence + 1, operationId, PointsReason.Expired, -amount, account.Balance - amount, $"expiry run {run:yyyy-MM-dd}", time.GetUtcNow());
            if (await points.TryApplyAsync(account, entry, expiring.Select(g => g with { Remaining = 0 }).ToList(), cancellationToken) != false)
            {
                return amount;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Points expiry for {TenantId} on {Run}: {Customers} customers, {Points} points expired")]
    private static partial void LogRun(ILogger logger, string tenantId, DateOnly run, int customers, long points);

    [LoggerMessage(Level = LogLevel.Error, Message = "Points expiry for {TenantId} failed; the other tenants continue and this one is retried on the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tenantId);
}
