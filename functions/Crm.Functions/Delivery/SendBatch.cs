using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class SendBatch(DeliveryActivities activities)
{
    [Function(FunctionCatalog.SendBatch)]
    public Task<SendSummary> Run([ActivityTrigger] GroupSend send, CancellationToken cancellationToken) =>
        activities.SendBatchAsync(send, cancellationToken);
}
