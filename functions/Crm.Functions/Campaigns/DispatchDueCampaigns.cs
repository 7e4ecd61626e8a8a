using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Campaigns;

public sealed class DispatchDueCampaigns(DueCampaignSweep sweep)
{
    // Schedule from the setting, in UTC (Linux plans ignore WEBSITE_TIME_ZONE).
    [Function(FunctionCatalog.DispatchDueCampaigns)]
    public Task Run([TimerTrigger("%" + SettingNames.DueCampaignsSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
