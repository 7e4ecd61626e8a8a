using Crm.Core.Workflows;
using Microsoft.DurableTask;

namespace Crm.Functions.Hosting;

/// <summary>
/// Core's workflow context over Durable's TaskOrchestrationContext: activities with Durable's
/// RetryPolicy, replay-safe time, and a failed activity surfacing as Core's ActivityFailedException.
/// No ConfigureAwait(false) here: orchestrator code must stay on Durable's scheduler.
/// </summary>
internal sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input, ActivityRetryPolicy retry)
    {
        var policy = new RetryPolicy(retry.MaxAttempts, retry.FirstRetryInterval, retry.BackoffCoefficient, retry.MaxRetryInterval);
        try
        {
            return await context.CallActivityAsync<TResult>(name, input, TaskOptions.FromRetryPolicy(policy));
        }
        catch (TaskFailedException ex)
        {
            throw new ActivityFailedException(name, ex.FailureDetails.ErrorMessage, ex);
        }
    }
}
