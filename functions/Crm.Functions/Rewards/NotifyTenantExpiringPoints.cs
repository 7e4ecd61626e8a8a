using Crm.Core.Common;
using Crm.Core.Functions;
using Crm.Core.Rewards;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class NotifyTenantExpiringPoints(PointsExpiryNotifier notifier)
{
    // One tenant's D-3 notices; a failure is retried by the queue (poison after host.json's maxDequeueCount).
    [Function(FunctionCatalog.NotifyTenantExpiringPoints)]
    public async Task Run([QueueTrigger(QueueNames.PointsExpiryNotices, Connection = SettingNames.Storage)] string message, CancellationToken cancellationToken) =>
        await notifier.NotifyTenantAsync(CrmJson.Read<PointsTenantJob>(message).TenantId, cancellationToken);
}
