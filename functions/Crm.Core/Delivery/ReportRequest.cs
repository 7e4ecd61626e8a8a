namespace Crm.Core.Delivery;

/// <summary>Input of CollectReports: take in the step's delivery reports; <see cref="Final"/> closes its report window.</summary>
public sealed record ReportRequest(BatchRef Batch, SendStep Step, bool Final);
