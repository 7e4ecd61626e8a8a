using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Delivery;

public sealed class PrepareSend(DeliveryActivities activities)
{
    [Function(FunctionCatalog.PrepareSend)]
    public Task<StepPlan> Run([ActivityTrigger] BatchStep step, CancellationToken cancellationToken) =>
        activities.PrepareSendAsync(step, cancellationToken);
}
