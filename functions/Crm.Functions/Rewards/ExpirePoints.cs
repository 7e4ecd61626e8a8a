using Crm.Core.Functions;
using Crm.Core.Rewards;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Rewards;

public sealed class ExpirePoints(PointsExpiryRunner runner)
{
    // Daily, 00:10 KST by default, written in UTC in the setting: one queue message per tenant due.
    [Function(FunctionCatalog.ExpirePoints)]
    public Task Run([TimerTrigger("%" + SettingNames.PointsExpirySchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        runner.EnqueueDueAsync(cancellationToken);
}
