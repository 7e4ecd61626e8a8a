namespace Crm.Core.Delivery;

/// <summary>Where a message stands at the provider.</summary>
public enum DeliveryState
{
    /// <summary>Registered or handed to the carrier; the final report is not in yet.</summary>
    Pending,
    Delivered,
    Failed,
}
