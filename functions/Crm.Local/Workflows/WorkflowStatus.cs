namespace Crm.Local.Workflows;

public enum WorkflowStatus
{
    Running,
    Completed,
    Failed,
}
