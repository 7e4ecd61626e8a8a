using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class ApplyLateReports(DeliveryActivities activities)
{
    [Function(FunctionCatalog.ApplyLateReports)]
    public Task<int> Run([ActivityTrigger] BatchStep step, CancellationToken cancellationToken) =>
        activities.ApplyLateReportsAsync(step, cancellationToken);
}
