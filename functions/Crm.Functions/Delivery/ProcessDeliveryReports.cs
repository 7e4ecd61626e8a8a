using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Crm.Functions.Delivery;

public sealed class ProcessDeliveryReports(DeliveryReportProcessor processor)
{
    [Function(FunctionCatalog.ProcessDeliveryReports)]
    public Task Run(
        [QueueTrigger(QueueNames.DeliveryReports, Connection = SettingNames.Storage)] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        processor.ProcessAsync(CrmJson.Read<DeliveryReportSignal>(message), new DurableBatchWorkflows(client), cancellationToken);
}
