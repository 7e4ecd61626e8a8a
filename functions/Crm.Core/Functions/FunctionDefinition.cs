namespace Crm.Core.Functions;

/// <summary>
/// One function as both hosts expose it. <see cref="Route"/> is relative to /api;
/// <see cref="ScheduleSetting"/> names the app setting holding the NCRONTAB expression (UTC).
/// </summary>
public sealed record FunctionDefinition(
    string Name,
    TriggerKind Trigger,
    string? Method = null,
    string? Route = null,
    string? Queue = null,
    string? ScheduleSetting = null);
