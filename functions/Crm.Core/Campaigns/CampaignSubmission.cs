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

    /// <summary>FriendTalk: text (default), image, wide or carousel.</summary>
    public FriendTalkType? FriendTalkType { get; init; }

    /// <summary>AlimTalk: the approved template's code.</summary>
    public string? TemplateCode { get; init; }

    /// <summary>MMS and FriendTalk image/wide: the uploaded image's id.</summary>
    public string? ImageId { get; init; }

    /// <summary>Advertising at night to recipients without night consent: hold (until 08:00) or skip.</summary>
    public NightPolicy? NightPolicy { get; init; }

    public IReadOnlyList<RecipientSubmission?>? Recipients { get; init; }

    /// <summary>Instead of recipients: a saved group, re-evaluated right before each send (G3).</summary>
    public string? GroupId { get; init; }

    /// <summary>When to send; absent means now.</summary>
    public DateTimeOffset? SendAt { get; init; }

    /// <summary>Recurring sends (C1): each run is a campaign of its own, created when it is due.</summary>
    public RecurrenceSubmission? Recurrence { get; init; }
}
