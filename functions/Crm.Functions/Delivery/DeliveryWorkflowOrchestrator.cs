using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Crm.Functions.Delivery;

public static class DeliveryWorkflowOrchestrator
{
    // The second, unbound parameter receives the orchestration input. The body is the orchestrator
    // Crm.Local runs too; the Durable analyzers check it in Crm.Workflows.
    [Function(FunctionCatalog.DeliveryWorkflow)]
    public static Task<BatchCompletion> Run([OrchestrationTrigger] TaskOrchestrationContext context, BatchRef batch) =>
        new DeliveryOrchestrator().RunAsync(context, batch);
}
