using Crm.Core.Functions;
using Crm.Core.Rewards;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class NotifyPointsChanges(PointsChangeNotifier notifier)
{
    // Every 10 seconds by default: the changes since the last tick become one campaign per tenant.
    [Function(FunctionCatalog.NotifyPointsChanges)]
    public Task Run([TimerTrigger("%" + SettingNames.PointsChangeNoticeSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        notifier.RunAsync(cancellationToken);
}
