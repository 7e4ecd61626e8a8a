using System.Text.Json;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Crm.Functions.Delivery;

/// <summary>
/// One orchestration per batch, instance id = batch id. A redelivered message finds the instance
/// and does nothing: by default Durable would overwrite a completed instance and send again (D9).
/// </summary>
public sealed class StartDeliveryWorkflow
{
    [Function("StartDeliveryWorkflow")]
    public async Task Run(
        [QueueTrigger("delivery-batches", Connection = "Storage")] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var batch = JsonSerializer.Deserialize<BatchRef>(message, CrmJson.Options)!;
        if (await client.GetInstanceAsync(batch.BatchId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync("DeliveryWorkflow", batch, new StartOrchestrationOptions(InstanceId: batch.BatchId), cancellationToken);
        }
        catch (Exception)
        {
            // Lost a race with a concurrent delivery of the same message (OrchestrationAlreadyExistsException,
            // or an RpcException AlreadyExists from older clients): fine when the instance now exists.
            if (await client.GetInstanceAsync(batch.BatchId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }
        }
    }
}
