using Crm.Core.Functions;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Rewards;

/// <summary>
/// R3. The daily timer queues one message per tenant whose latest expiry run (in its own zone) has
/// not been done, so tenants run in parallel and a failing one is retried on its own. A tenant's run
/// expires every grant past its validity at that run, a bucket of customers per read and write.
/// Safe to run twice (an expired grant holds nothing to expire again) and a missed day is caught
/// up: the latest due run expires everything up to it.
/// </summary>
public sealed partial class PointsExpiryRunner(
    ITenantStore tenants,
    IPointsPolicyStore policies,
    IPointsStore points,
    PointsTenantQueue jobs,
    TimeProvider time,
    ILogger<PointsExpiryRunner> logger)
{
    private const int MaxAttempts = 50;

    /// <summary>The timer: queues a <see cref="PointsTenantJob"/> for every tenant with a run due.</summary>
    public Task<int> EnqueueDueAsync(CancellationToken cancellationToken) =>
        jobs.EnqueueDueAsync(QueueNames.PointsExpiry, (state, tenant) => DueRun(state, tenant) is not null, cancellationToken);

    /// <summary>The moment a run date begins in the tenant's zone: grants expiring by then are expired.</summary>
    public static DateTimeOffset RunInstant(DateOnly run, TimeZoneInfo zone)
    {
        var local = run.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>One tenant's run, if one is due: the queue message's work.</summary>
    public async Task<bool> RunTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var state = await policies.GetAsync(tenantId, cancellationToken);
        var tenant = state is null ? null : await tenants.GetAsync(tenantId, cancellationToken);
        if (state is null || tenant is null || DueRun(state, tenant) is not { } run)
        {
            return false;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        var cutoff = RunInstant(run, zone);
        var now = time.GetUtcNow();
        var expired = 0L;
        var customers = 0;
        var failed = 0;
        await PointsBuckets.ForEachAsync(async (number, ct) =>
        {
            try
            {
                var (bucketCustomers, bucketPoints) = await ExpireBucketAsync(state.TenantId, number, run, cutoff, now, ct);
                Interlocked.Add(ref customers, bucketCustomers);
                Interlocked.Add(ref expired, bucketPoints);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad bucket must not stop the others; the run stays due and the queue retries it.
                Interlocked.Increment(ref failed);
                LogBucketFailed(logger, ex, state.TenantId, number);
            }
        }, cancellationToken);

        if (failed > 0)
        {
            throw new InvalidOperationException($"Points expiry for {state.TenantId} on {run:yyyy-MM-dd}: {failed} of {PointsBuckets.Count} buckets failed; the others are done.");
        }

        await policies.RecordExpiryRunAsync(state.TenantId, run, cancellationToken);
        LogRun(logger, state.TenantId, run, customers, expired);
        return true;
    }

    private DateOnly? DueRun(PointsPolicyState state, Tenant tenant)
    {
        var latest = state.Policy.LatestRunOnOrBefore(Today(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone)));
        return latest is { } run && !(state.LastExpiryRun >= run) ? run : null;
    }

    // One read and at most one write per bucket; a grant or deduction racing it makes it read again.
    private async Task<(int Customers, long Points)> ExpireBucketAsync(string tenantId, int number, DateOnly run, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var bucket = await points.GetAsync(tenantId, number, cancellationToken);
            var accounts = new List<PointsAccount>(bucket.Accounts.Count);
            var (customers, expired) = (0, 0L);
            foreach (var account in bucket.Accounts)
            {
                var after = account.Expire(run, cutoff, now);
                accounts.Add(after ?? account);
                customers += after is null ? 0 : 1;
                expired += after is null ? 0 : account.Balance - after.Balance;
            }

            if (customers == 0 || await points.TrySaveAsync(bucket with { Accounts = accounts }, cancellationToken))
            {
                return (customers, expired);
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Bucket {number} changed {MaxAttempts} times during the expiry run.");
            }

            await Task.Delay(Random.Shared.Next(5, 20 << Math.Min(attempt, 6)), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Points expiry for {TenantId} on {Run}: {Customers} customers, {Points} points expired")]
    private static partial void LogRun(ILogger logger, string tenantId, DateOnly run, int customers, long points);

    [LoggerMessage(Level = LogLevel.Error, Message = "Points expiry for {TenantId}: bucket {Bucket} failed")]
    private static partial void LogBucketFailed(ILogger logger, Exception exception, string tenantId, int bucket);

}
