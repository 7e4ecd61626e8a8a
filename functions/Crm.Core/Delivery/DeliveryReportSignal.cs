namespace Crm.Core.Delivery;

/// <summary>
/// A provider's report webhook said something happened to a group of ours: the step it belongs to
/// (from the reference echoed in the report) and the group. The report's content is never trusted:
/// the group is read from the provider with our credentials, and only when it is the step's own.
/// </summary>
public sealed record DeliveryReportSignal(BatchStep Step, string GroupId);
