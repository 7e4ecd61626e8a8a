using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Crm.Workflows;

/// <summary>
/// Batch workflows through the Durable Task SDK's client: Crm.Functions gets it from the
/// [DurableClient] binding, tests from the in-process test host.
/// </summary>
public sealed class DurableBatchWorkflows(DurableTaskClient client) : IBatchWorkflows
{
    // Every status: Durable Functions would otherwise silently replace a Completed, Failed or
    // Terminated instance with a new run, sending the batch again.
    private static readonly OrchestrationRuntimeStatus[] AnyStatus =
    [
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    public async Task<bool> StartAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        var options = new StartOrchestrationOptions(batch.BatchId).WithDedupeStatuses(AnyStatus);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(FunctionCatalog.DeliveryWorkflow, batch, options, cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // OrchestrationAlreadyExistsException, or the gRPC AlreadyExists of a host that reports it so:
            // fine when the instance exists; anything else is rethrown for the queue to retry.
            if (await client.GetInstanceAsync(batch.BatchId, getInputsAndOutputs: false, cancellationToken) is not null)
            {
                return false;
            }

            throw;
        }
    }

    public async Task RaiseReportsAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(batch.BatchId, IBatchWorkflows.ReportsEvent, null, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A host may refuse an event for a missing or finished instance: then no workflow waits for the reports.
            if (await client.GetInstanceAsync(batch.BatchId, getInputsAndOutputs: false, cancellationToken) is { IsRunning: true })
            {
                throw;
            }
        }
    }

    public async Task<BatchWorkflowState?> GetAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(batch.BatchId, getInputsAndOutputs: false, cancellationToken);
        return instance is null ? null : new BatchWorkflowState(
            Map(instance.RuntimeStatus), instance.CreatedAt, instance.LastUpdatedAt, instance.FailureDetails?.ErrorMessage);
    }

#pragma warning disable CS0618 // Canceled is obsolete in the SDK; no host reports it, but map it rather than guess.
    private static BatchWorkflowStatus Map(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => BatchWorkflowStatus.Pending,
        OrchestrationRuntimeStatus.Running => BatchWorkflowStatus.Running,
        OrchestrationRuntimeStatus.Suspended => BatchWorkflowStatus.Suspended,
        OrchestrationRuntimeStatus.Completed => BatchWorkflowStatus.Completed,
        OrchestrationRuntimeStatus.Failed => BatchWorkflowStatus.Failed,
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled => BatchWorkflowStatus.Terminated,
        _ => BatchWorkflowStatus.Running,
    };
#pragma warning restore CS0618
}
