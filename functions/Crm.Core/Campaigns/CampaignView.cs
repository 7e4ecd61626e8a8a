using Crm.Core.Delivery;

namespace Crm.Core.Campaigns;

/// <summary>The campaign as GET returns it: what was registered and how far delivery is.</summary>
public sealed record CampaignView(
    string CampaignId,
    string TenantId,
    CampaignStatus Status,
    Channel Channel,
    CampaignKind Kind,
    string SenderNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset SendAt,
    DateTimeOffset? CompletedAt,
    CampaignCounts Counts,
    BatchProgress Batches,
    int? DuplicatesRemoved = null)
{
    public static CampaignView From(Campaign c, int? duplicatesRemoved = null) => new(
        c.CampaignId,
        c.TenantId,
        c.Status,
        c.Channel,
        c.Kind,
        c.SenderNumber,
        c.CreatedAt,
        c.SendAt,
        c.CompletedAt,
        new CampaignCounts(c.RecipientCount, c.Queued, c.Sent, c.Failed),
        new BatchProgress(c.BatchCount, c.BatchesCompleted),
        duplicatesRemoved);
}
