using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Crm.Functions.Delivery;

public sealed class ReconcileBatches(BatchReconciler reconciler)
{
    // Settles batches whose workflow failed or vanished; schedule in UTC from the setting.
    [Function(FunctionCatalog.ReconcileBatches)]
    public Task Run(
        [TimerTrigger("%" + SettingNames.ReconcileBatchesSchedule + "%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        reconciler.RunAsync(new DurableBatchWorkflows(client), cancellationToken);
}
