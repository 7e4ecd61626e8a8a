namespace Crm.Local.Workflows;

public sealed record WorkflowInstance(string InstanceId, string Name, string Input, WorkflowStatus Status, string? Output, string? Error);
