namespace Crm.Core.Delivery;

/// <summary>
/// Names a batch without carrying it: queue messages and workflow inputs hold this, never
/// recipient lists. <see cref="BatchId"/> is the workflow instance id (one per batch).
/// </summary>
public sealed record BatchRef(string TenantId, string CampaignId, int BatchNumber)
{
    public string BatchId => $"{CampaignId}-{BatchNumber:D5}";
}
