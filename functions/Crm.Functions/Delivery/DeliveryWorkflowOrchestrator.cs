using Crm.Core.Delivery;
using Crm.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Crm.Functions.Delivery;

public static class DeliveryWorkflowOrchestrator
{
    // The second, unbound parameter receives the orchestration input.
    [Function("DeliveryWorkflow")]
    public static Task<BatchCompletion> Run([OrchestrationTrigger] TaskOrchestrationContext context, BatchRef batch) =>
        DeliveryWorkflow.RunAsync(new DurableWorkflowContext(context), batch);
}
