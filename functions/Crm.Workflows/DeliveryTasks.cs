using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.DurableTask;

namespace Crm.Workflows;

/// <summary>
/// The delivery orchestration and its activities by catalog name, for hosts that register tasks
/// themselves (Crm.Local on the Durable Task Framework, tests on the SDK's in-process host). In
/// Azure the Functions runtime dispatches the same names to Crm.Functions' activity functions,
/// each the same one call into <see cref="DeliveryActivities"/>.
/// </summary>
public static class DeliveryTasks
{
    public static IReadOnlyDictionary<string, Func<ITaskOrchestrator>> Orchestrators { get; } = new Dictionary<string, Func<ITaskOrchestrator>>(StringComparer.Ordinal)
    {
        [FunctionCatalog.DeliveryWorkflow] = () => new DeliveryOrchestrator(),
    };

    public static IReadOnlyDictionary<string, ITaskActivity> Activities(DeliveryActivities delivery) => new Dictionary<string, ITaskActivity>(StringComparer.Ordinal)
    {
        [FunctionCatalog.PrepareSend] = new CoreActivity<BatchStep, StepPlan>(delivery.PrepareSendAsync),
        [FunctionCatalog.SendBatch] = new CoreActivity<GroupSend, SendSummary>(delivery.SendBatchAsync),
        [FunctionCatalog.CollectReports] = new CoreActivity<ReportRequest, ReportProgress>(delivery.CollectReportsAsync),
        [FunctionCatalog.RefundBatch] = new CoreActivity<BatchStep, long>(delivery.RefundBatchAsync),
        [FunctionCatalog.SendFallback] = new CoreActivity<GroupSend, SendSummary>(delivery.SendFallbackAsync),
        [FunctionCatalog.RecordBatchFailure] = new CoreActivity<BatchFailure, SendSummary>(delivery.RecordBatchFailureAsync),
        [FunctionCatalog.CompleteBatch] = new CoreActivity<BatchRef, BatchCompletion>(delivery.CompleteBatchAsync),
        [FunctionCatalog.ApplyLateReports] = new CoreActivity<BatchStep, int>(delivery.ApplyLateReportsAsync),
    };

    /// <summary>Registers every delivery task with the SDK's registry (the in-process test host uses it).</summary>
    public static DurableTaskRegistry AddDeliveryTasks(this DurableTaskRegistry registry, DeliveryActivities delivery)
    {
        foreach (var (name, create) in Orchestrators)
        {
            registry.AddOrchestrator(name, create);
        }

        foreach (var (name, activity) in Activities(delivery))
        {
            registry.AddActivity(name, activity);
        }

        return registry;
    }
}
