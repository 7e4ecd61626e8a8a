using Microsoft.DurableTask;

namespace Crm.Workflows;

/// <summary>
/// What the delivery workflow may touch, and nothing else, so it stays deterministic and replayable:
/// both hosts hand it <see cref="DurableWorkflowContext"/> over Durable's TaskOrchestrationContext;
/// unit tests hand it a scripted one. No clocks, GUIDs, configuration or storage but through here.
/// </summary>
public interface IWorkflowContext
{
    string InstanceId { get; }

    /// <summary>Replay-safe time: the same value when a finished step is replayed.</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>Runs an activity under Durable's retry policy; a failure of the last attempt surfaces as <see cref="TaskFailedException"/>.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy retry);

    /// <summary>Waits for the external event, at most <paramref name="timeout"/> (a durable timer): true when it came.</summary>
    Task<bool> WaitForEventAsync(string name, TimeSpan timeout);
}
