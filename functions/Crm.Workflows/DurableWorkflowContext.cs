using Microsoft.DurableTask;

namespace Crm.Workflows;

/// <summary>
/// The workflow's context over Durable's TaskOrchestrationContext, the same in Azure (Crm.Functions)
/// and in Crm.Local (the Durable Task Framework). No ConfigureAwait(false): orchestrator code must
/// stay on Durable's scheduler.
/// </summary>
public sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input, RetryPolicy retry) =>
        context.CallActivityAsync<TResult>(name, input, TaskOptions.FromRetryPolicy(retry));

    public async Task<bool> WaitForEventAsync(string name, TimeSpan timeout)
    {
        try
        {
            await context.WaitForExternalEvent<object?>(name, timeout);
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
