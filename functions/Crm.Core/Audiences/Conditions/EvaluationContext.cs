namespace Crm.Core.Audiences.Conditions;

/// <summary>What relative dates and date literals are resolved against: the evaluation time and the tenant's zone.</summary>
public sealed record EvaluationContext(DateTimeOffset Now, TimeZoneInfo Zone);
