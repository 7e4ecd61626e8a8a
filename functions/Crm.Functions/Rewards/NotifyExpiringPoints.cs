using Crm.Core.Functions;
using Crm.Core.Rewards;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class NotifyExpiringPoints(PointsExpiryNotifier notifier)
{
    // Daily at 10:00 KST by default (in UTC in the setting): D-3 notices at a civil hour, one queue message per tenant due.
    [Function(FunctionCatalog.NotifyExpiringPoints)]
    public Task Run([TimerTrigger("%" + SettingNames.PointsNoticeSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        notifier.EnqueueDueAsync(cancellationToken);
}
