namespace Crm.Local.Workflows;

/// <summary>A finished activity call: its JSON output, or the error it failed with after every retry.</summary>
public sealed record WorkflowStep(int Sequence, string Name, string? Output, string? Error, DateTimeOffset At);
