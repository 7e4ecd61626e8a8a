namespace Crm.Core.Campaigns;

/// <summary>A campaign that passed every submission rule, with its de-duplicated audience.</summary>
public sealed record ValidatedCampaign(Campaign Campaign, IReadOnlyList<Recipient> Recipients, int DuplicatesRemoved);
