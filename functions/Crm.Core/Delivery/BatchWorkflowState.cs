namespace Crm.Core.Delivery;

/// <summary>A batch workflow's state in the engine, and why it failed when it did.</summary>
public sealed record BatchWorkflowState(BatchWorkflowStatus Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, string? Failure = null)
{
    /// <summary>Failed or terminated: it will not run again by itself.</summary>
    public bool HasFailed => Status is BatchWorkflowStatus.Failed or BatchWorkflowStatus.Terminated;
}
