namespace Crm.Local.Workflows;

/// <summary>A replay asked for a different activity than history recorded: the workflow code is not deterministic.</summary>
public sealed class NonDeterministicWorkflowException(string instanceId, int sequence, string recorded, string requested)
    : Exception($"Workflow {instanceId} step {sequence}: history has {recorded}, the code now calls {requested}.");
