using Crm.Core.Audiences;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Audiences;

public sealed class NightlyReextract(NightlyReextraction nightly)
{
    // 01:00 KST by default, written in UTC in the setting (Linux plans ignore WEBSITE_TIME_ZONE).
    [Function("NightlyReextract")]
    public Task Run([TimerTrigger("%NightlyReextractSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        nightly.RunAsync(cancellationToken);
}
