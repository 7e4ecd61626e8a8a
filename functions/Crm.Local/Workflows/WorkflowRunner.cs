using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Crm.Local.Workflows;

/// <summary>
/// Crm.Local's stand-in for Durable Functions: runs a Core workflow under an instance id, with
/// each activity's result persisted, so that starting the same id again (a redelivered queue
/// message, a restarted process) replays finished steps and never repeats them.
/// </summary>
public sealed class WorkflowRunner(WorkflowRegistry registry, WorkflowHistoryStore store, TimeProvider time, ILogger<WorkflowRunner> logger)
{
    private readonly ConcurrentDictionary<string, Task<WorkflowInstance>> _running = new(StringComparer.Ordinal);

    /// <summary>Starts (or resumes) the instance and waits for it to finish; a finished instance is returned as it is.</summary>
    public Task<WorkflowInstance> RunAsync(string orchestrator, string instanceId, string inputJson, CancellationToken cancellationToken)
    {
        // One run per instance in this process: a second start joins the first.
        var run = _running.GetOrAdd(instanceId, id => RunCoreAsync(orchestrator, id, inputJson, cancellationToken));
        return Finish(instanceId, run);
    }

    /// <summary>Resumes what a previous process left running.</summary>
    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken)
    {
        var running = await store.ListRunningAsync(cancellationToken);
        foreach (var instance in running)
        {
            logger.LogInformation("Resuming workflow {InstanceId} ({Name}) left running by an earlier process", instance.InstanceId, instance.Name);
            _ = RunAsync(instance.Name, instance.InstanceId, instance.Input, cancellationToken);
        }

        return running.Count;
    }

    private async Task<WorkflowInstance> Finish(string instanceId, Task<WorkflowInstance> run)
    {
        try
        {
            return await run;
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, Task<WorkflowInstance>>(instanceId, run));
        }
    }

    private async Task<WorkflowInstance> RunCoreAsync(string orchestrator, string instanceId, string inputJson, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var instance = await store.StartAsync(instanceId, orchestrator, inputJson, time.GetUtcNow(), cancellationToken);
        if (instance.Status != WorkflowStatus.Running)
        {
            return instance;
        }

        if (!registry.Orchestrators.TryGetValue(instance.Name, out var body))
        {
            throw new InvalidOperationException($"No workflow named {instance.Name} is registered.");
        }

        var history = await store.LoadStepsAsync(instanceId, cancellationToken);
        var context = new RunnerContext(instanceId, history, registry, store, time, logger, cancellationToken);
        try
        {
            var output = await body(context, instance.Input);
            await store.FinishAsync(instanceId, WorkflowStatus.Completed, output, null, time.GetUtcNow(), cancellationToken);
            return instance with { Status = WorkflowStatus.Completed, Output = output };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Workflow {InstanceId} failed", instanceId);
            await store.FinishAsync(instanceId, WorkflowStatus.Failed, null, ex.Message, time.GetUtcNow(), cancellationToken);
            return instance with { Status = WorkflowStatus.Failed, Error = ex.Message };
        }
    }
}
