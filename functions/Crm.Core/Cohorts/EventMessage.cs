using Crm.Core.Campaigns;
using Crm.Core.Delivery;

namespace Crm.Core.Cohorts;

/// <summary>What an event sends: a campaign's message (C1), validated by the campaign rules; #{name}, #{cohort} and #{course} are filled per person.</summary>
public sealed record EventMessage
{
    public Channel? Channel { get; init; }

    public CampaignKind? Kind { get; init; }

    public string? SenderNumber { get; init; }

    public string? Subject { get; init; }

    public string? Content { get; init; }

    public FriendTalkType? FriendTalkType { get; init; }

    public string? TemplateCode { get; init; }

    public string? ImageId { get; init; }

    public NightPolicy? NightPolicy { get; init; }

    /// <summary>The campaign submission of a run to <paramref name="recipients"/>.</summary>
    public CampaignSubmission ToSubmission(IReadOnlyList<RecipientSubmission?> recipients) => new()
    {
        Channel = Channel,
        Kind = Kind,
        SenderNumber = SenderNumber,
        Subject = Subject,
        Content = Content,
        FriendTalkType = FriendTalkType,
        TemplateCode = TemplateCode,
        ImageId = ImageId,
        NightPolicy = NightPolicy,
        Recipients = recipients,
    };
}
