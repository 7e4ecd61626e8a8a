using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class CollectReports(DeliveryActivities activities)
{
    [Function(FunctionCatalog.CollectReports)]
    public Task<ReportProgress> Run([ActivityTrigger] ReportRequest request, CancellationToken cancellationToken) =>
        activities.CollectReportsAsync(request, cancellationToken);
}
