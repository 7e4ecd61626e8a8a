using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class RefundBatch(DeliveryActivities activities)
{
    [Function(FunctionCatalog.RefundBatch)]
    public Task<long> Run([ActivityTrigger] BatchStep request, CancellationToken cancellationToken) =>
        activities.RefundBatchAsync(request, cancellationToken);
}
