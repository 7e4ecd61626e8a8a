using Crm.Core.Delivery;
using Microsoft.DurableTask;

namespace Crm.Workflows;

/// <summary>
/// The DeliveryWorkflow orchestrator that both hosts run: Crm.Functions' orchestration trigger calls
/// it, Crm.Local hands it to the Durable Task Framework through the SDK's shim. Being a
/// TaskOrchestrator in this assembly is what lets the Durable analyzers check the workflow.
/// </summary>
public sealed class DeliveryOrchestrator : TaskOrchestrator<BatchRef, BatchCompletion>
{
    public override Task<BatchCompletion> RunAsync(TaskOrchestrationContext context, BatchRef input) =>
        DeliveryWorkflow.RunAsync(new DurableWorkflowContext(context), input);
}
