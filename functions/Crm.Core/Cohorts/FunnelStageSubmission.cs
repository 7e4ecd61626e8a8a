namespace Crm.Core.Cohorts;

/// <summary>A stage as the API takes it: id (letters, digits, - or _), display name, context.</summary>
public sealed record FunnelStageSubmission(string? Id, string? Name, FunnelContext? Context);
