namespace Crm.Core.Delivery;

/// <summary>A batch's result as the workflow sees it: counts only, the details are in the outcome store.</summary>
public sealed record SendSummary(int Sent, int Failed);
