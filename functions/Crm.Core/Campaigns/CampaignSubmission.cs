using Crm.Core.Delivery;

namespace Crm.Core.Campaigns;

/// <summary>The body of POST /tenants/{tenantId}/campaigns, as the caller sends it (C1).</summary>
public sealed record CampaignSubmission
{
    public Channel? Channel { get; init; }

    public CampaignKind? Kind { get; init; }

    public string? SenderNumber { get; init; }

    /// <summary>LMS/MMS subject line, at most 40 bytes.</summary>
    public string? Subject { get; init; }

    /// <summary>Text with #{variable} placeholders filled per recipient.</summary>
    public string? Content { get; init; }

    public IReadOnlyList<RecipientSubmission?>? Recipients { get; init; }

    /// <summary>When to send; absent means now.</summary>
    public DateTimeOffset? SendAt { get; init; }
}
