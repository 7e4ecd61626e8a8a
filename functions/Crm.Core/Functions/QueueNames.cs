namespace Crm.Core.Functions;

/// <summary>Queue names; host.json's poison rule adds "-poison" to each.</summary>
public static class QueueNames
{
    public const string CampaignDispatch = "campaign-dispatch";
    public const string DeliveryBatches = "delivery-batches";
    public const string DeliveryReports = "delivery-reports";
    public const string PointsExpiry = "points-expiry";
    public const string PointsExpiryNotices = "points-expiry-notices";
}
