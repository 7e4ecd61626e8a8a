using Crm.Core.Delivery;

namespace Crm.Core.Campaigns;

/// <summary>The campaign as the API shows it: what was registered and how far delivery is.</summary>
public sealed record CampaignView(
    string CampaignId,
    string TenantId,
    CampaignStatus Status,
    Channel Channel,
    FriendTalkType? FriendTalkType,
    CampaignKind Kind,
    string SenderNumber,
    string? GroupId,
    DateTimeOffset CreatedAt,
    DateTimeOffset SendAt,
    DateTimeOffset? HeldUntil,
    DateTimeOffset? CompletedAt,
    CampaignCounts Counts,
    BatchProgress Batches,
    CampaignCredits Credits,
    string? FailureReason,
    Recurrence? Recurrence,
    int RunsCreated,
    DateTimeOffset? NextRunAt,
    string? SeriesId,
    int? Run,
    int? DuplicatesRemoved = null)
{
    public static CampaignView From(Campaign c, int? duplicatesRemoved = null) => new(
        c.CampaignId,
        c.TenantId,
        c.Status,
        c.Channel,
        c.FriendTalkType,
        c.Kind,
        c.SenderNumber,
        c.GroupId,
        c.CreatedAt,
        c.SendAt,
        c.HeldUntil,
        c.CompletedAt,
        new CampaignCounts(c.RecipientCount, c.Queued, c.Sent, c.Failed, c.NotSent, c.FallbackSent),
        new BatchProgress(c.BatchCount, c.BatchesCompleted),
        new CampaignCredits(c.CreditsCharged, c.CreditsRefunded),
        c.FailureReason,
        c.Recurrence,
        c.RunsCreated,
        c.NextRunAt,
        c.SeriesId,
        c.SeriesId is null ? null : c.Run,
        duplicatesRemoved);
}
