using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class CompleteBatch(DeliveryActivities activities)
{
    [Function(FunctionCatalog.CompleteBatch)]
    public Task<BatchCompletion> Run([ActivityTrigger] BatchRef batch, CancellationToken cancellationToken) =>
        activities.CompleteBatchAsync(batch, cancellationToken);
}
