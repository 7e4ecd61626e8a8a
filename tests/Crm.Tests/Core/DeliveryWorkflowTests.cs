using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Core.Workflows;

namespace Crm.Tests.Core;

public sealed class DeliveryWorkflowTests
{
    private static readonly BatchRef Batch = new("shop", "c1", 3);

    [Fact]
    public async Task Sends_then_completes_the_batch_with_its_counts()
    {
        var context = new ScriptedContext { [FunctionCatalog.SendBatch] = new SendSummary(990, 10), [FunctionCatalog.CompleteBatch] = true };

        var summary = await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal(new SendSummary(990, 10), summary);
        Assert.Equal([FunctionCatalog.SendBatch, FunctionCatalog.CompleteBatch], context.Calls.Select(c => c.Name));
        Assert.Equal(Batch, context.Calls[0].Input);
        Assert.Equal(new BatchCompletion(Batch, 990, 10), context.Calls[1].Input);
        Assert.Same(DeliveryWorkflow.SendRetry, context.Calls[0].Retry);
    }

    [Fact]
    public async Task A_batch_the_provider_never_took_is_recorded_failed_then_completed()
    {
        var context = new ScriptedContext
        {
            [FunctionCatalog.SendBatch] = new ActivityFailedException(FunctionCatalog.SendBatch, "503 from provider"),
            [FunctionCatalog.RecordBatchFailure] = new SendSummary(0, 1000),
            [FunctionCatalog.CompleteBatch] = true,
        };

        var summary = await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal(new SendSummary(0, 1000), summary);
        Assert.Equal([FunctionCatalog.SendBatch, FunctionCatalog.RecordBatchFailure, FunctionCatalog.CompleteBatch], context.Calls.Select(c => c.Name));
        Assert.Equal(new BatchFailure(Batch, "503 from provider"), context.Calls[1].Input);
        Assert.Equal(new BatchCompletion(Batch, 0, 1000), context.Calls[2].Input);
    }

    /// <summary>Answers each activity with a scripted result, or throws the scripted failure.</summary>
    private sealed class ScriptedContext : Dictionary<string, object>, IWorkflowContext
    {
        public List<(string Name, object? Input, ActivityRetryPolicy Retry)> Calls { get; } = [];

        public string InstanceId => Batch.BatchId;

        public DateTime CurrentUtcDateTime => new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

        public Task<TResult> CallActivityAsync<TResult>(string name, object? input, ActivityRetryPolicy retry)
        {
            Calls.Add((name, input, retry));
            return this[name] is Exception ex ? Task.FromException<TResult>(ex) : Task.FromResult((TResult)this[name]);
        }
    }
}
