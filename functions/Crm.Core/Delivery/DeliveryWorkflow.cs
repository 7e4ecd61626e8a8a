using Crm.Core.Functions;
using Crm.Core.Workflows;

namespace Crm.Core.Delivery;

/// <summary>
/// One batch's delivery, written once for both hosts (O2): send → refund the failures → SMS/LMS
/// fallback for them (a new, separately charged send) → refund failed fallbacks, never retried
/// (D7) → complete. Deterministic: everything it learns comes from activities through the context.
/// </summary>
public static class DeliveryWorkflow
{
    /// <summary>Provider faults (timeouts, 5xx) get five tries over about a minute.</summary>
    public static readonly ActivityRetryPolicy SendRetry = new(5, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(30));

    /// <summary>Storage work: throttling clears quickly, so retry fast and often.</summary>
    public static readonly ActivityRetryPolicy StoreRetry = new(8, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30));

    public static async Task<BatchCompletion> RunAsync(IWorkflowContext context, BatchRef batch)
    {
        var send = await SendAsync(context, FunctionCatalog.SendBatch, batch, SendStep.Send);
        var refunded = send.Refunded > 0
            ? await context.CallActivityAsync<long>(FunctionCatalog.RefundBatch, new RefundRequest(batch, SendStep.Send), StoreRetry)
            : 0;

        var fallback = SendSummary.None;
        if (send.Failed > 0)
        {
            fallback = await SendAsync(context, FunctionCatalog.SendFallback, batch, SendStep.Fallback);
            if (fallback.Refunded > 0)
            {
                refunded += await context.CallActivityAsync<long>(FunctionCatalog.RefundBatch, new RefundRequest(batch, SendStep.Fallback), StoreRetry);
            }
        }

        var completion = BatchCompletion.From(batch, send, fallback, refunded);
        await context.CallActivityAsync<bool>(FunctionCatalog.CompleteBatch, completion, StoreRetry);
        return completion;
    }

    private static async Task<SendSummary> SendAsync(IWorkflowContext context, string activity, BatchRef batch, SendStep step)
    {
        try
        {
            return await context.CallActivityAsync<SendSummary>(activity, batch, SendRetry);
        }
        catch (ActivityFailedException ex)
        {
            // The provider stayed down through every retry: the step fails as a whole, recorded per recipient.
            return await context.CallActivityAsync<SendSummary>(FunctionCatalog.RecordBatchFailure, new BatchFailure(batch, ex.Reason, step), StoreRetry);
        }
    }
}
