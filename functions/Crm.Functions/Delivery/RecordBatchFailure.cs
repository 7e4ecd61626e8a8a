using Crm.Core.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class RecordBatchFailure(DeliveryActivities activities)
{
    [Function("RecordBatchFailure")]
    public Task<SendSummary> Run([ActivityTrigger] BatchFailure failure, CancellationToken cancellationToken) =>
        activities.RecordBatchFailureAsync(failure, cancellationToken);
}
