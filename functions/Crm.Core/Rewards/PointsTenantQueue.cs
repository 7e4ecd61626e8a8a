using Crm.Core.Delivery;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Rewards;

/// <summary>
/// The daily points timers' fan-out: one <see cref="PointsTenantJob"/> per tenant with a policy for
/// which the job is due, so tenants run in parallel and a failing one is retried on its own.
/// </summary>
public sealed partial class PointsTenantQueue(IPointsPolicyStore policies, ITenantStore tenants, IMessageQueue queue, ILogger<PointsTenantQueue> logger)
{
    public async Task<int> EnqueueDueAsync(string queueName, Func<PointsPolicyState, Tenant, bool> isDue, CancellationToken cancellationToken)
    {
        var queued = 0;
        await foreach (var state in policies.ListAsync(cancellationToken))
        {
            try
            {
                if (await tenants.GetAsync(state.TenantId, cancellationToken) is { } tenant && isDue(state, tenant))
                {
                    await queue.EnqueueAsync(queueName, new PointsTenantJob(state.TenantId), cancellationToken);
                    queued++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, state.TenantId, queueName);
            }
        }

        return queued;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Queue} job for {TenantId} could not be queued; the other tenants continue and this one is tried again on the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tenantId, string queue);
}
