namespace Crm.Core.Cohorts;

/// <summary>An entry of the events' due index: run <see cref="Run"/> of an event, due at <see cref="SendAt"/>.</summary>
public sealed record DueEventRun(string TenantId, string CohortId, string EventId, int Run, DateTimeOffset SendAt);
