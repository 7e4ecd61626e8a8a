using Crm.Core.Cohorts;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Cohorts;

public sealed class DispatchDueCohortEvents(CohortEventSweep sweep)
{
    // The due campaigns' schedule: every minute, in UTC; each event's time is in its tenant's zone.
    [Function(FunctionCatalog.DispatchDueCohortEvents)]
    public Task Run([TimerTrigger("%" + SettingNames.DueCampaignsSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
