using Crm.Core.Common;
using Crm.Core.Functions;
using Crm.Core.Rewards;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class ExpireTenantPoints(PointsExpiryRunner runner)
{
    // One tenant's expiry run; a failure is retried by the queue (poison after host.json's maxDequeueCount).
    [Function(FunctionCatalog.ExpireTenantPoints)]
    public async Task Run([QueueTrigger(QueueNames.PointsExpiry, Connection = SettingNames.Storage)] string message, CancellationToken cancellationToken) =>
        await runner.RunTenantAsync(CrmJson.Read<PointsTenantJob>(message).TenantId, cancellationToken);
}
