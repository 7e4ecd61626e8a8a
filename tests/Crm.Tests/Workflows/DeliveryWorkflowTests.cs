using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Workflows;
using Microsoft.DurableTask;

namespace Crm.Tests.Workflows;

public sealed class DeliveryWorkflowTests
{
    private static readonly BatchRef Batch = new("shop", "c1", 3);

    [Fact]
    public async Task A_batch_sent_in_full_is_completed_without_refund_or_fallback()
    {
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.SendBatch, new SendSummary(1000, 0, 0, 1000, 0))
            .Answer(FunctionCatalog.CompleteBatch, true);

        var completion = await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal([FunctionCatalog.SendBatch, FunctionCatalog.CompleteBatch], context.Calls.Select(c => c.Name));
        Assert.Equal(new BatchCompletion(Batch, 1000, 0, 0, 0, 1000, 0), completion);
        Assert.Same(ActivityRetries.Send, context.Calls[0].Retry);
    }

    [Fact]
    public async Task Failures_are_refunded_then_sent_by_fallback_and_counted_as_sent()
    {
        // AlimTalk to 1,000, 100 not on KakaoTalk: 100 refunded, 100 SMS charged separately and delivered.
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.SendBatch, new SendSummary(900, 100, 0, 1000, 100))
            .Answer(FunctionCatalog.RefundBatch, 100L)
            .Answer(FunctionCatalog.SendFallback, new SendSummary(100, 0, 0, 100, 0))
            .Answer(FunctionCatalog.CompleteBatch, true);

        var completion = await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal([FunctionCatalog.SendBatch, FunctionCatalog.RefundBatch, FunctionCatalog.SendFallback, FunctionCatalog.CompleteBatch], context.Calls.Select(c => c.Name));
        Assert.Equal(new RefundRequest(Batch, SendStep.Send), context.Calls[1].Input);
        Assert.Equal(new BatchCompletion(Batch, 1000, 0, 0, 100, 1100, 100), completion);
        Assert.Equal(completion, context.Calls[3].Input);
    }

    [Fact]
    public async Task Failed_fallbacks_are_refunded_once_and_never_retried()
    {
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.SendBatch, new SendSummary(900, 100, 0, 1000, 100))
            .Answer(FunctionCatalog.RefundBatch, 100L)
            .Answer(FunctionCatalog.SendFallback, new SendSummary(60, 40, 0, 100, 40))
            .Answer(FunctionCatalog.RefundBatch, 40L)
            .Answer(FunctionCatalog.CompleteBatch, true);

        var completion = await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal(1, context.Calls.Count(c => c.Name == FunctionCatalog.SendFallback));
        Assert.Equal(new RefundRequest(Batch, SendStep.Fallback), context.Calls[3].Input);
        Assert.Equal(new BatchCompletion(Batch, 960, 40, 0, 60, 1100, 140), completion);
    }

    [Fact]
    public async Task A_batch_the_provider_never_took_is_recorded_failed_refunded_and_falls_back()
    {
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.SendBatch, new TaskFailedException(FunctionCatalog.SendBatch, 1, new TaskFailureDetails(typeof(TransientProviderException).FullName!, "503 from provider", null, null, null)))
            .Answer(FunctionCatalog.RecordBatchFailure, new SendSummary(0, 1000, 0, 1000, 1000))
            .Answer(FunctionCatalog.RefundBatch, 1000L)
            .Answer(FunctionCatalog.SendFallback, SendSummary.None)
            .Answer(FunctionCatalog.CompleteBatch, true);

        var completion = await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal(new BatchFailure(Batch, "503 from provider", SendStep.Send), context.Calls[1].Input);
        Assert.Equal(new BatchCompletion(Batch, 0, 1000, 0, 0, 1000, 1000), completion);
    }

    /// <summary>Answers each activity call with the next scripted result for its name, or throws the scripted failure.</summary>
    private sealed class ScriptedContext : IWorkflowContext
    {
        private readonly Dictionary<string, Queue<object>> _answers = [];

        public List<(string Name, object? Input, RetryPolicy Retry)> Calls { get; } = [];

        public string InstanceId => Batch.BatchId;

        public DateTime CurrentUtcDateTime => new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

        public ScriptedContext Answer(string name, object answer)
        {
            if (!_answers.TryGetValue(name, out var queue))
            {
                _answers[name] = queue = new Queue<object>();
            }

            queue.Enqueue(answer);
            return this;
        }

        public Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy retry)
        {
            Calls.Add((name, input, retry));
            var answer = _answers[name].Dequeue();
            return answer is Exception ex ? Task.FromException<TResult>(ex) : Task.FromResult((TResult)answer);
        }
    }
}
