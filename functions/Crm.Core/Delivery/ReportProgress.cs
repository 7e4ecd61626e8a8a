namespace Crm.Core.Delivery;

/// <summary>CollectReports' answer: the step as it stands, and whether its report window is closed (every report in, or time up).</summary>
public sealed record ReportProgress(SendSummary Summary, bool WindowClosed);
