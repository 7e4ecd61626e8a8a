namespace Crm.Core.Delivery;

/// <summary>
/// PrepareSend's answer: the provider's group for the step (null: do not send; the batch was settled
/// by the reconciliation), how long the workflow waits for its delivery reports, and how often it
/// asks the provider when no report wakes it.
/// </summary>
public sealed record StepPlan(string? GroupId, TimeSpan ReportWindow, TimeSpan PollInterval);
