using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Workflows;
using Microsoft.DurableTask;

namespace Crm.Tests.Workflows;

/// <summary>The workflow's decisions, step by step, against a scripted context (the engines are tested in DeliveryOrchestrationTests).</summary>
public sealed class DeliveryWorkflowTests
{
    private static readonly BatchRef Batch = new("shop", "c1", 3);
    private static readonly StepPlan Plan = new("G-1", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(15));
    private static readonly BatchCompletion Done = new(Batch, 1000, 0, Charged: 1000);

    [Fact]
    public async Task A_batch_reported_at_once_is_completed_without_waiting_refund_or_fallback()
    {
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.PrepareSend, Plan)
            .Answer(FunctionCatalog.SendBatch, new SendSummary(1000, 0, Charged: 1000))
            .Answer(FunctionCatalog.CompleteBatch, Done);

        var completion = await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal([FunctionCatalog.PrepareSend, FunctionCatalog.SendBatch, FunctionCatalog.CompleteBatch], context.Calls.Select(c => c.Name));
        Assert.Equal(new BatchStep(Batch, SendStep.Send), context.Calls[0].Input);
        Assert.Equal(new GroupSend(Batch, "G-1"), context.Calls[1].Input);
        Assert.Same(ActivityRetries.Send, context.Calls[1].Retry);
        Assert.Equal(Batch, context.Calls[2].Input);
        Assert.Equal(Done, completion);
    }

    [Fact]
    public async Task Pending_messages_are_waited_for_woken_by_report_events_then_failures_refunded_and_sent_by_fallback()
    {
        // AlimTalk to 1,000: all pending at registration; 100 reported 3107 (fallback-eligible).
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.PrepareSend, Plan)
            .Answer(FunctionCatalog.SendBatch, new SendSummary(0, 0, Charged: 1000, Pending: 1000))
            .Answer(FunctionCatalog.CollectReports, new ReportProgress(new SendSummary(600, 40, Charged: 1000, Refunded: 40, Pending: 360, FallbackEligible: 40), false))
            .Answer(FunctionCatalog.CollectReports, new ReportProgress(new SendSummary(900, 100, Charged: 1000, Refunded: 100, FallbackEligible: 100), true))
            .Answer(FunctionCatalog.RefundBatch, 100L)
            .Answer(FunctionCatalog.PrepareSend, Plan with { GroupId = "G-2" })
            .Answer(FunctionCatalog.SendFallback, new SendSummary(0, 0, Charged: 100, Pending: 100))
            .Answer(FunctionCatalog.CollectReports, new ReportProgress(new SendSummary(100, 0, Charged: 100), true))
            .Answer(FunctionCatalog.CompleteBatch, Done)
            .Event(true);

        await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal(
            [FunctionCatalog.PrepareSend, FunctionCatalog.SendBatch, FunctionCatalog.CollectReports, "wait", FunctionCatalog.CollectReports, FunctionCatalog.RefundBatch,
             FunctionCatalog.PrepareSend, FunctionCatalog.SendFallback, FunctionCatalog.CollectReports, FunctionCatalog.CompleteBatch],
            context.Calls.Select(c => c.Name));
        Assert.Equal(new ReportRequest(Batch, SendStep.Send, Final: false), context.Calls[2].Input);
        Assert.Equal(TimeSpan.FromSeconds(15), context.Calls[3].Input);
        Assert.Equal(new BatchStep(Batch, SendStep.Send), context.Calls[5].Input);
        Assert.Equal(new BatchStep(Batch, SendStep.Fallback), context.Calls[6].Input);
        Assert.Equal(new GroupSend(Batch, "G-2"), context.Calls[7].Input);
        Assert.Equal(new ReportRequest(Batch, SendStep.Fallback, Final: false), context.Calls[8].Input);
    }

    [Fact]
    public async Task When_no_report_comes_the_window_is_closed_at_its_end_nothing_is_refunded_and_the_group_is_read_once_more_after_completion()
    {
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.PrepareSend, Plan with { ReportWindow = TimeSpan.FromSeconds(40) })
            .Answer(FunctionCatalog.SendBatch, new SendSummary(0, 0, Charged: 1000, Pending: 1000))
            .Answer(FunctionCatalog.CollectReports, new ReportProgress(new SendSummary(0, 0, Charged: 1000, Pending: 1000), false))
            .Answer(FunctionCatalog.CollectReports, new ReportProgress(new SendSummary(0, 0, Charged: 1000, Pending: 1000), false))
            .Answer(FunctionCatalog.CollectReports, new ReportProgress(new SendSummary(0, 0, Charged: 1000, Pending: 1000), false))
            .Answer(FunctionCatalog.CollectReports, new ReportProgress(new SendSummary(1000, 0, Charged: 1000, Unreported: 1000), true))
            .Answer(FunctionCatalog.CompleteBatch, Done)
            .Answer(FunctionCatalog.ApplyLateReports, 3);

        await DeliveryWorkflow.RunAsync(context, Batch);

        var collects = context.Calls.Where(c => c.Name == FunctionCatalog.CollectReports).Select(c => ((ReportRequest)c.Input!).Final).ToList();
        Assert.Equal([false, false, false, true], collects);
        Assert.Equal([TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15)], context.Calls.Where(c => c.Name == "wait").Select(c => c.Input));
        Assert.DoesNotContain(context.Calls, c => c.Name is FunctionCatalog.RefundBatch or FunctionCatalog.SendFallback);

        // A report that reached the provider while the final read was being written woke no one: one more read takes it in as late.
        Assert.Equal([FunctionCatalog.CompleteBatch, "wait", FunctionCatalog.ApplyLateReports], context.Calls.TakeLast(3).Select(c => c.Name));
        Assert.Equal(new BatchStep(Batch, SendStep.Send), context.Calls[^1].Input);
    }

    [Fact]
    public async Task A_poll_that_fails_through_its_retries_is_skipped_inside_the_window_but_the_final_one_must_succeed()
    {
        var down = new TaskFailedException(FunctionCatalog.CollectReports, 1, new TaskFailureDetails(typeof(TransientProviderException).FullName!, "503 from provider", null, null, null));
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.PrepareSend, Plan with { ReportWindow = TimeSpan.FromSeconds(20) })
            .Answer(FunctionCatalog.SendBatch, new SendSummary(0, 0, Charged: 1000, Pending: 1000))
            .Answer(FunctionCatalog.CollectReports, down)
            .Answer(FunctionCatalog.CollectReports, down)
            .Answer(FunctionCatalog.CollectReports, down);

        var failed = await Assert.ThrowsAsync<TaskFailedException>(() => DeliveryWorkflow.RunAsync(context, Batch));

        Assert.Same(down, failed);
        Assert.Equal([false, false, true], context.Calls.Where(c => c.Name == FunctionCatalog.CollectReports).Select(c => ((ReportRequest)c.Input!).Final));
        Assert.DoesNotContain(context.Calls, c => c.Name == FunctionCatalog.CompleteBatch); // the reconciliation settles it from the provider
    }

    [Fact]
    public async Task A_late_read_that_fails_does_not_fail_a_completed_batch()
    {
        var down = new TaskFailedException(FunctionCatalog.ApplyLateReports, 1, new TaskFailureDetails(typeof(TransientProviderException).FullName!, "503 from provider", null, null, null));
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.PrepareSend, Plan)
            .Answer(FunctionCatalog.SendBatch, new SendSummary(0, 0, Charged: 1000, Pending: 1000))
            .Answer(FunctionCatalog.CollectReports, new ReportProgress(new SendSummary(990, 0, Charged: 1000, Unreported: 10), true))
            .Answer(FunctionCatalog.CompleteBatch, Done)
            .Answer(FunctionCatalog.ApplyLateReports, down);

        Assert.Equal(Done, await DeliveryWorkflow.RunAsync(context, Batch));
        Assert.Equal(FunctionCatalog.ApplyLateReports, context.Calls[^1].Name);
    }

    [Fact]
    public async Task Failed_fallbacks_are_refunded_once_and_never_retried()
    {
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.PrepareSend, Plan)
            .Answer(FunctionCatalog.SendBatch, new SendSummary(900, 100, Charged: 1000, Refunded: 100, FallbackEligible: 100))
            .Answer(FunctionCatalog.RefundBatch, 100L)
            .Answer(FunctionCatalog.PrepareSend, Plan with { GroupId = "G-2" })
            .Answer(FunctionCatalog.SendFallback, new SendSummary(60, 40, Charged: 100, Refunded: 40))
            .Answer(FunctionCatalog.RefundBatch, 40L)
            .Answer(FunctionCatalog.CompleteBatch, Done);

        await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal(1, context.Calls.Count(c => c.Name == FunctionCatalog.SendFallback));
        Assert.Equal(new BatchStep(Batch, SendStep.Fallback), context.Calls[5].Input);
    }

    [Fact]
    public async Task A_step_the_provider_never_took_is_recorded_then_refunded_and_falls_back()
    {
        var down = new TaskFailedException(FunctionCatalog.PrepareSend, 1, new TaskFailureDetails(typeof(TransientProviderException).FullName!, "503 from provider", null, null, null));
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.PrepareSend, down)
            .Answer(FunctionCatalog.RecordBatchFailure, new SendSummary(0, 1000, Charged: 1000, Refunded: 1000, FallbackEligible: 0))
            .Answer(FunctionCatalog.RefundBatch, 1000L)
            .Answer(FunctionCatalog.CompleteBatch, Done);

        await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal([FunctionCatalog.PrepareSend, FunctionCatalog.RecordBatchFailure, FunctionCatalog.RefundBatch, FunctionCatalog.CompleteBatch], context.Calls.Select(c => c.Name));
        Assert.Equal(new BatchFailure(Batch, "503 from provider", SendStep.Send), context.Calls[1].Input);
    }

    [Fact]
    public async Task A_batch_the_reconciliation_settled_is_not_sent()
    {
        var context = new ScriptedContext()
            .Answer(FunctionCatalog.PrepareSend, Plan with { GroupId = null })
            .Answer(FunctionCatalog.CompleteBatch, Done);

        await DeliveryWorkflow.RunAsync(context, Batch);

        Assert.Equal([FunctionCatalog.PrepareSend, FunctionCatalog.CompleteBatch], context.Calls.Select(c => c.Name));
    }

    /// <summary>
    /// Answers each activity call with the next scripted result for its name, or throws the scripted
    /// failure; a wait returns the next scripted event (none: a timeout) and moves the clock on by it.
    /// </summary>
    private sealed class ScriptedContext : IWorkflowContext
    {
        private readonly Dictionary<string, Queue<object>> _answers = [];
        private readonly Queue<bool> _events = new();

        public List<(string Name, object? Input, RetryPolicy? Retry)> Calls { get; } = [];

        public string InstanceId => Batch.BatchId;

        public DateTime CurrentUtcDateTime { get; private set; } = new(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc);

        public ScriptedContext Answer(string name, object answer)
        {
            if (!_answers.TryGetValue(name, out var queue))
            {
                _answers[name] = queue = new Queue<object>();
            }

            queue.Enqueue(answer);
            return this;
        }

        public ScriptedContext Event(bool arrives)
        {
            _events.Enqueue(arrives);
            return this;
        }

        public Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy retry)
        {
            Calls.Add((name, input, retry));
            var answer = _answers[name].Dequeue();
            return answer is Exception ex ? Task.FromException<TResult>(ex) : Task.FromResult((TResult)answer);
        }

        public Task<bool> WaitForEventAsync(string name, TimeSpan timeout)
        {
            Assert.Equal(IBatchWorkflows.ReportsEvent, name);
            Calls.Add(("wait", timeout, null));
            var arrived = _events.TryDequeue(out var e) && e;
            CurrentUtcDateTime += arrived ? TimeSpan.FromSeconds(1) : timeout;
            return Task.FromResult(arrived);
        }
    }
}
