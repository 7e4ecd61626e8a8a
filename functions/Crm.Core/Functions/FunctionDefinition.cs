namespace Crm.Core.Functions;

/// <summary>
/// One function as both hosts expose it. <see cref="Route"/> is relative to /api;
/// <see cref="ScheduleSetting"/> names the app setting holding the NCRONTAB expression (UTC);
/// <see cref="AuthLevel"/> is the Functions host's key level of an HTTP function ("function" or
/// "admin"). Queue triggers all read the <see cref="SettingNames.Storage"/> connection.
/// </summary>
public sealed record FunctionDefinition(
    string Name,
    TriggerKind Trigger,
    string? Method = null,
    string? Route = null,
    string? Queue = null,
    string? ScheduleSetting = null,
    string? AuthLevel = null);
