using Crm.Core.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Campaigns;

public sealed class DispatchDueCampaigns(DueCampaignSweep sweep)
{
    // Schedule from the setting, in UTC (Linux plans ignore WEBSITE_TIME_ZONE).
    [Function("DispatchDueCampaigns")]
    public Task Run([TimerTrigger("%DueCampaignsSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
