using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class SendFallback(DeliveryActivities activities)
{
    [Function(FunctionCatalog.SendFallback)]
    public Task<SendSummary> Run([ActivityTrigger] GroupSend send, CancellationToken cancellationToken) =>
        activities.SendFallbackAsync(send, cancellationToken);
}
