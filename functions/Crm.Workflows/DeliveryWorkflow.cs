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
/// retried (D7); the batch's outcomes are added to the campaign once. A step that closed with
/// messages unreported is read once more a poll interval later: a report that reached the provider
/// while the window was closing woke no one, and is taken in as late. Deterministic: everything it
/// learns comes from activities through the context.
/// </summary>
public static class DeliveryWorkflow
{
    public static async Task<BatchCompletion> RunAsync(IWorkflowContext context, BatchRef batch)
    {
        var send = await DeliverAsync(context, new BatchStep(batch, SendStep.Send), FunctionCatalog.SendBatch);
        if (send?.Summary.Refunded > 0)
        {
            await context.CallActivityAsync<long>(FunctionCatalog.RefundBatch, new BatchStep(batch, SendStep.Send), ActivityRetries.Store);
        }

        (BatchStep Step, SendSummary Summary, TimeSpan PollInterval)? fallback = null;
        if (send?.Summary.FallbackEligible > 0)
        {
            fallback = await DeliverAsync(context, new BatchStep(batch, SendStep.Fallback), FunctionCatalog.SendFallback);
            if (fallback?.Summary.Refunded > 0)
            {
                await context.CallActivityAsync<long>(FunctionCatalog.RefundBatch, new BatchStep(batch, SendStep.Fallback), ActivityRetries.Store);
            }
        }

        var completion = await context.CallActivityAsync<BatchCompletion>(FunctionCatalog.CompleteBatch, batch, ActivityRetries.Store);
        foreach (var step in new[] { send, fallback }.Where(s => s?.Summary.Unreported > 0).Select(s => s!.Value))
        {
            await context.WaitForEventAsync(IBatchWorkflows.ReportsEvent, step.PollInterval);
            try
            {
                await context.CallActivityAsync<int>(FunctionCatalog.ApplyLateReports, step.Step, ActivityRetries.Store);
            }
            catch (TaskFailedException)
            {
                // The batch is complete; a late report still comes through the webhook.
            }
        }

        return completion;
    }

    // The step as its reports left it, and its poll interval; null when the batch is not the workflow's to send (settled by the reconciliation).
    private static async Task<(BatchStep Step, SendSummary Summary, TimeSpan PollInterval)?> DeliverAsync(IWorkflowContext context, BatchStep step, string sendActivity)
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

        return plan is null ? (step, sent, TimeSpan.Zero) : (step, sent.Pending > 0 ? await AwaitReportsAsync(context, step, plan) : sent, plan.PollInterval);
    }

    private static async Task<SendSummary> AwaitReportsAsync(IWorkflowContext context, BatchStep step, StepPlan plan)
    {
        var closesAt = context.CurrentUtcDateTime + plan.ReportWindow;
        while (true)
        {
            var final = context.CurrentUtcDateTime >= closesAt;
            try
            {
                var progress = await context.CallActivityAsync<ReportProgress>(FunctionCatalog.CollectReports, new ReportRequest(step.Batch, step.Step, final), ActivityRetries.Store);
                if (progress.WindowClosed)
                {
                    return progress.Summary;
                }
            }
            catch (TaskFailedException) when (!final)
            {
                // The provider or storage is down for longer than the retries last: the next poll asks again, the final one must succeed.
            }

            var left = closesAt - context.CurrentUtcDateTime;
            await context.WaitForEventAsync(IBatchWorkflows.ReportsEvent, left < plan.PollInterval ? left : plan.PollInterval);
        }
    }
}
