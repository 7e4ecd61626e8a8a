using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class SendFallback(DeliveryActivities activities)
{
    [Function(FunctionCatalog.SendFallback)]
    public Task<SendSummary> Run([ActivityTrigger] BatchRef batch, CancellationToken cancellationToken) =>
        activities.SendFallbackAsync(batch, cancellationToken);
}
