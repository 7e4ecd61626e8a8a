using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class CompleteBatch(DeliveryActivities activities)
{
    [Function(FunctionCatalog.CompleteBatch)]
    public Task<bool> Run([ActivityTrigger] BatchCompletion completion, CancellationToken cancellationToken) =>
        activities.CompleteBatchAsync(completion, cancellationToken);
}
