using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Crm.Functions.Delivery;

/// <summary>
/// One orchestration per batch, instance id = batch id, started with every status as a dedupe
/// status: a redelivered message starts nothing, and a finished batch is never run again (D9).
/// </summary>
public sealed class StartDeliveryWorkflow
{
    [Function(FunctionCatalog.StartDeliveryWorkflow)]
    public Task Run(
        [QueueTrigger(QueueNames.DeliveryBatches, Connection = SettingNames.Storage)] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        new DurableBatchWorkflows(client).StartAsync(CrmJson.Read<BatchRef>(message), cancellationToken);
}
