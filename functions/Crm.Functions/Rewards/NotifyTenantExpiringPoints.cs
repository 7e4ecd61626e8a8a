using System.Text.Json;
using Crm.Core.Common;
using Crm.Core.Rewards;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class NotifyTenantExpiringPoints(PointsExpiryNotifier notifier)
{
    // One tenant's D-3 notices; a failure is retried by the queue (poison after host.json's maxDequeueCount).
    [Function("NotifyTenantExpiringPoints")]
    public async Task Run([QueueTrigger("points-expiry-notices", Connection = "Storage")] string message, CancellationToken cancellationToken) =>
        await notifier.NotifyTenantAsync(JsonSerializer.Deserialize<PointsTenantJob>(message, CrmJson.Options)!.TenantId, cancellationToken);
}
