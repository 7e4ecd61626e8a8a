using Crm.Core.Delivery;
using Crm.Core.Functions;
using DurableTask.Core;
using DurableTask.Core.Exceptions;

namespace Crm.Local.Durable;

/// <summary>Batch workflows through the Durable Task Framework's client, with the same rules as in Azure.</summary>
internal sealed class TaskHubBatchWorkflows(TaskHubClient client) : IBatchWorkflows
{
    // Every status, as DurableBatchWorkflows asks of Durable Functions: no batch is ever started twice.
    private static readonly OrchestrationStatus[] AnyStatus =
    [
        OrchestrationStatus.Pending,
        OrchestrationStatus.Running,
        OrchestrationStatus.Suspended,
        OrchestrationStatus.ContinuedAsNew,
        OrchestrationStatus.Completed,
        OrchestrationStatus.Failed,
        OrchestrationStatus.Canceled,
        OrchestrationStatus.Terminated,
    ];

    public async Task<bool> StartAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateOrchestrationInstanceAsync(FunctionCatalog.DeliveryWorkflow, string.Empty, batch.BatchId, batch, null, AnyStatus);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    // The framework drops an event for an instance that is missing or finished.
    public Task RaiseReportsAsync(BatchRef batch, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(new OrchestrationInstance { InstanceId = batch.BatchId }, IBatchWorkflows.ReportsEvent, true);

    public async Task<BatchWorkflowState?> GetAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        var state = await client.GetOrchestrationStateAsync(batch.BatchId);
        return state is null ? null : new BatchWorkflowState(
            Map(state.OrchestrationStatus),
            new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            state.FailureDetails?.ErrorMessage ?? (state.OrchestrationStatus == OrchestrationStatus.Failed ? state.Output : null));
    }

    private static BatchWorkflowStatus Map(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => BatchWorkflowStatus.Pending,
        OrchestrationStatus.Suspended => BatchWorkflowStatus.Suspended,
        OrchestrationStatus.Completed => BatchWorkflowStatus.Completed,
        OrchestrationStatus.Failed => BatchWorkflowStatus.Failed,
        OrchestrationStatus.Canceled or OrchestrationStatus.Terminated => BatchWorkflowStatus.Terminated,
        _ => BatchWorkflowStatus.Running,
    };
}
