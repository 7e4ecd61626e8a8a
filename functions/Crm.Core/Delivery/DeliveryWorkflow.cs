using Crm.Core.Functions;
using Crm.Core.Workflows;

namespace Crm.Core.Delivery;

/// <summary>
/// One batch's delivery, written once for both hosts (O2): send → record failures → complete.
/// Deterministic: everything it learns comes from activities through the context.
/// </summary>
public static class DeliveryWorkflow
{
    /// <summary>Provider faults (timeouts, 5xx) get five tries over about a minute.</summary>
    public static readonly ActivityRetryPolicy SendRetry = new(5, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(30));

    /// <summary>Storage work: throttling clears quickly, so retry fast and often.</summary>
    public static readonly ActivityRetryPolicy StoreRetry = new(8, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30));

    public static async Task<SendSummary> RunAsync(IWorkflowContext context, BatchRef batch)
    {
        SendSummary summary;
        try
        {
            summary = await context.CallActivityAsync<SendSummary>(FunctionCatalog.SendBatch, batch, SendRetry);
        }
        catch (ActivityFailedException ex)
        {
            // The provider stayed down through every retry: the batch fails as a whole, recorded per recipient.
            summary = await context.CallActivityAsync<SendSummary>(FunctionCatalog.RecordBatchFailure, new BatchFailure(batch, ex.Reason), StoreRetry);
        }

        await context.CallActivityAsync<bool>(FunctionCatalog.CompleteBatch, new BatchCompletion(batch, summary.Sent, summary.Failed), StoreRetry);
        return summary;
    }
}
