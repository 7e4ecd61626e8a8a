using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class RecordBatchFailure(DeliveryActivities activities)
{
    [Function(FunctionCatalog.RecordBatchFailure)]
    public Task<SendSummary> Run([ActivityTrigger] BatchFailure failure, CancellationToken cancellationToken) =>
        activities.RecordBatchFailureAsync(failure, cancellationToken);
}
