using System.Text.Json;
using Crm.Core.Common;
using Crm.Core.Rewards;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class ExpireTenantPoints(PointsExpiryRunner runner)
{
    // One tenant's expiry run; a failure is retried by the queue (poison after host.json's maxDequeueCount).
    [Function("ExpireTenantPoints")]
    public async Task Run([QueueTrigger("points-expiry", Connection = "Storage")] string message, CancellationToken cancellationToken) =>
        await runner.RunTenantAsync(JsonSerializer.Deserialize<PointsTenantJob>(message, CrmJson.Options)!.TenantId, cancellationToken);
}
