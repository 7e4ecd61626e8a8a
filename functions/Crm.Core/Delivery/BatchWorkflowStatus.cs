namespace Crm.Core.Delivery;

/// <summary>Durable's runtime status of a batch workflow, named as Durable names it.</summary>
public enum BatchWorkflowStatus
{
    Pending,
    Running,
    Suspended,
    Completed,
    Failed,
    Terminated,
}
