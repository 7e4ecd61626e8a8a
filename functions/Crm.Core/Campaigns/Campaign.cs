using Crm.Core.Delivery;

namespace Crm.Core.Campaigns;

/// <summary>
/// A registered message (C1). Channel, sender, content and audience never change after
/// registration (C2); only status and progress counters move.
/// </summary>
public sealed record Campaign
{
    public required string TenantId { get; init; }

    public required string CampaignId { get; init; }

    public required Channel Channel { get; init; }

    public required CampaignKind Kind { get; init; }

    public required string SenderNumber { get; init; }

    public string? Subject { get; init; }

    public required string Content { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset SendAt { get; init; }

    public required int RecipientCount { get; init; }

    public CampaignStatus Status { get; init; } = CampaignStatus.Scheduled;

    public int BatchCount { get; init; }

    public int BatchesCompleted { get; init; }

    public int Sent { get; init; }

    public int Failed { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Opaque store version (an ETag) for optimistic concurrency; null before it is stored.</summary>
    public string? Version { get; init; }

    /// <summary>Recipients not yet sent or failed.</summary>
    public int Queued => Math.Max(0, RecipientCount - Sent - Failed);
}
