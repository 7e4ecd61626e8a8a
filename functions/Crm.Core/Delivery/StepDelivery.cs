namespace Crm.Core.Delivery;

/// <summary>
/// One send step of a batch at the provider: the provider's group that holds its messages (the
/// handle a retry asks about instead of sending again), and whether its report window has closed
/// (a report taken in afterwards is late: refunded on its own, never followed by a fallback).
/// </summary>
public sealed record StepDelivery(string? GroupId = null, bool WindowClosed = false);
