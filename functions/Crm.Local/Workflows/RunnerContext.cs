using System.Text.Json;
using Crm.Core.Common;
using Crm.Core.Workflows;
using Microsoft.Extensions.Logging;

namespace Crm.Local.Workflows;

/// <summary>
/// The local runner's <see cref="IWorkflowContext"/>: an activity already in history returns its
/// recorded result (or failure) without running; a new one runs with its retry policy and is
/// recorded before the workflow moves on.
/// </summary>
internal sealed class RunnerContext(
    string instanceId,
    IReadOnlyDictionary<int, WorkflowStep> history,
    WorkflowRegistry registry,
    WorkflowHistoryStore store,
    TimeProvider time,
    ILogger logger,
    CancellationToken cancellationToken) : IWorkflowContext
{
    private int _sequence;
    private DateTimeOffset? _replayTime;

    public string InstanceId => instanceId;

    public DateTime CurrentUtcDateTime => (_replayTime ?? time.GetUtcNow()).UtcDateTime;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input, ActivityRetryPolicy retry)
    {
        var sequence = ++_sequence;
        if (history.TryGetValue(sequence, out var recorded))
        {
            if (recorded.Name != name)
            {
                throw new NonDeterministicWorkflowException(instanceId, sequence, recorded.Name, name);
            }

            _replayTime = recorded.At;
            return recorded.Error is { } error ? throw new ActivityFailedException(name, error) : Deserialize<TResult>(recorded.Output);
        }

        _replayTime = null;
        if (!registry.Activities.TryGetValue(name, out var activity))
        {
            throw new InvalidOperationException($"No activity named {name} is registered.");
        }

        var inputJson = JsonSerializer.Serialize(input, CrmJson.Options);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var output = await activity(inputJson, cancellationToken);
                await store.RecordStepAsync(instanceId, new WorkflowStep(sequence, name, output, null, time.GetUtcNow()), cancellationToken);
                return Deserialize<TResult>(output);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= retry.MaxAttempts)
                {
                    await store.RecordStepAsync(instanceId, new WorkflowStep(sequence, name, null, ex.Message, time.GetUtcNow()), cancellationToken);
                    throw new ActivityFailedException(name, ex.Message, ex);
                }

                var delay = retry.DelayBefore(attempt + 1);
                logger.LogWarning(ex, "Activity {Activity} of {InstanceId} failed (attempt {Attempt} of {MaxAttempts}); retrying in {Delay}", name, instanceId, attempt, retry.MaxAttempts, delay);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    private static T Deserialize<T>(string? json) =>
        JsonSerializer.Deserialize<T>(json ?? "null", CrmJson.Options) ?? throw new InvalidOperationException($"Activity returned no {typeof(T).Name}.");
}
