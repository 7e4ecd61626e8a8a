using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.DurableTask;

namespace Crm.Workflows;

/// <summary>
/// One batch's delivery, written once for both hosts (O2). Each step (the send on the campaign's
/// channel, then the SMS/LMS fallback for the failures SMS mends, D5) is: prepare its provider group
/// → send it (or record that the provider never took it) → wait for its delivery reports until all
/// are in or its window closes, woken by the report webhook or asking the provider every poll
/// interval. Then the step's failures are refunded (D4); a failed fallback is refunded, never
/// retried (D7); the batch's outcomes are added to the campaign once. Deterministic: everything it
/// learns comes from activities through the context.
/// </summary>
public static class DeliveryWorkflow
{
    public static async Task<BatchCompletion> RunAsync(IWorkflowContext context, BatchRef batch)
    {
        var send = await DeliverAsync(context, new BatchStep(batch, SendStep.Send), FunctionCatalog.SendBatch);
        if (send?.Refunded > 0)
        {
            await context.CallActivityAsync<long>(FunctionCatalog.RefundBatch, new BatchStep(batch, SendStep.Send), ActivityRetries.Store);
        }

        if (send?.FallbackEligible > 0)
        {
            var fallback = await DeliverAsync(context, new BatchStep(batch, SendStep.Fallback), FunctionCatalog.SendFallback);
            if (fallback?.Refunded > 0)
            {
                await context.CallActivityAsync<long>(FunctionCatalog.RefundBatch, new BatchStep(batch, SendStep.Fallback), ActivityRetries.Store);
            }
        }

        return await context.CallActivityAsync<BatchCompletion>(FunctionCatalog.CompleteBatch, batch, ActivityRetries.Store);
    }

    // The step as its reports left it; null when the batch is not the workflow's to send (settled by the reconciliation).
    private static async Task<SendSummary?> DeliverAsync(IWorkflowContext context, BatchStep step, string sendActivity)
    {
        StepPlan? plan = null;
        SendSummary sent;
        try
        {
            plan = await context.CallActivityAsync<StepPlan>(FunctionCatalog.PrepareSend, step, ActivityRetries.Send);
            if (plan.GroupId is null)
            {
                return null;
            }

            sent = await context.CallActivityAsync<SendSummary>(sendActivity, new GroupSend(step.Batch, plan.GroupId), ActivityRetries.Send);
        }
        catch (TaskFailedException ex)
        {
            // The provider stayed down through every retry, or refused for good: record what it holds, or that nothing went out.
            sent = await context.CallActivityAsync<SendSummary>(
                FunctionCatalog.RecordBatchFailure, new BatchFailure(step.Batch, ex.FailureDetails.ErrorMessage, step.Step), ActivityRetries.Store);
        }

        return sent.Pending > 0 && plan is not null ? await AwaitReportsAsync(context, step, plan) : sent;
    }

    private static async Task<SendSummary> AwaitReportsAsync(IWorkflowContext context, BatchStep step, StepPlan plan)
    {
        var closesAt = context.CurrentUtcDateTime + plan.ReportWindow;
        while (true)
        {
            var final = context.CurrentUtcDateTime >= closesAt;
            var progress = await context.CallActivityAsync<ReportProgress>(FunctionCatalog.CollectReports, new ReportRequest(step.Batch, step.Step, final), ActivityRetries.Store);
            if (progress.WindowClosed)
            {
                return progress.Summary;
            }

            var left = closesAt - context.CurrentUtcDateTime;
            await context.WaitForEventAsync(IBatchWorkflows.ReportsEvent, left < plan.PollInterval ? left : plan.PollInterval);
        }
    }
}
