namespace Crm.Core.Workflows;

/// <summary>
/// What a workflow may touch, and nothing else, so it stays deterministic and replayable: the
/// Durable host wraps TaskOrchestrationContext in it, Crm.Local's runner its own history.
/// Workflows must not read clocks, GUIDs, configuration or storage except through here.
/// </summary>
public interface IWorkflowContext
{
    string InstanceId { get; }

    /// <summary>Replay-safe time: the same value when a finished step is replayed.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>Runs an activity with retries; throws <see cref="ActivityFailedException"/> when every attempt failed.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input, ActivityRetryPolicy retry);
}
