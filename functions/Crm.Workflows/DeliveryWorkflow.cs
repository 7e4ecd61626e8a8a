using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.DurableTask;

namespace Crm.Workflows;

/// <summary>
/// One batch's delivery, written once for both hosts (O2): send → refund the failures → SMS/LMS
/// fallback for them (a new, separately charged send) → refund failed fallbacks, never retried
/// (D7) → complete. Deterministic: everything it learns comes from activities through the context.
/// </summary>
public static class DeliveryWorkflow
{
    public static async Task<BatchCompletion> RunAsync(IWorkflowContext context, BatchRef batch)
    {
        var send = await SendAsync(context, FunctionCatalog.SendBatch, batch, SendStep.Send);
        var refunded = send.Refunded > 0
            ? await context.CallActivityAsync<long>(FunctionCatalog.RefundBatch, new RefundRequest(batch, SendStep.Send), ActivityRetries.Store)
            : 0;

        var fallback = SendSummary.None;
        if (send.Failed > 0)
        {
            fallback = await SendAsync(context, FunctionCatalog.SendFallback, batch, SendStep.Fallback);
            if (fallback.Refunded > 0)
            {
                refunded += await context.CallActivityAsync<long>(FunctionCatalog.RefundBatch, new RefundRequest(batch, SendStep.Fallback), ActivityRetries.Store);
            }
        }

        var completion = BatchCompletion.From(batch, send, fallback, refunded);
        await context.CallActivityAsync<bool>(FunctionCatalog.CompleteBatch, completion, ActivityRetries.Store);
        return completion;
    }

    private static async Task<SendSummary> SendAsync(IWorkflowContext context, string activity, BatchRef batch, SendStep step)
    {
        try
        {
            return await context.CallActivityAsync<SendSummary>(activity, batch, ActivityRetries.Send);
        }
        catch (TaskFailedException ex)
        {
            // The provider stayed down through every retry, or refused for good: the step fails as a whole, recorded per recipient.
            return await context.CallActivityAsync<SendSummary>(
                FunctionCatalog.RecordBatchFailure, new BatchFailure(batch, ex.FailureDetails.ErrorMessage, step), ActivityRetries.Store);
        }
    }
}
