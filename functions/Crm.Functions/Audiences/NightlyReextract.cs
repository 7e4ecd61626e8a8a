using Crm.Core.Audiences;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Audiences;

public sealed class NightlyReextract(NightlyReextraction nightly)
{
    // 01:00 KST by default, written in UTC in the setting (Linux plans ignore WEBSITE_TIME_ZONE).
    [Function(FunctionCatalog.NightlyReextract)]
    public Task Run([TimerTrigger("%" + SettingNames.NightlyReextractSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        nightly.RunAsync(cancellationToken);
}
