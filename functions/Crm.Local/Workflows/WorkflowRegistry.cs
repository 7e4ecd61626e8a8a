namespace Crm.Local.Workflows;

/// <summary>Orchestrators and activities by catalog name, taking and returning JSON as Durable does.</summary>
public sealed class WorkflowRegistry
{
    public Dictionary<string, Func<Crm.Core.Workflows.IWorkflowContext, string, Task<string>>> Orchestrators { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Func<string, CancellationToken, Task<string>>> Activities { get; } = new(StringComparer.Ordinal);
}
