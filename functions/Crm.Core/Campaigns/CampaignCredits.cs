namespace Crm.Core.Campaigns;

/// <summary>Credits the campaign was charged (fallbacks included) and given back for failures.</summary>
public sealed record CampaignCredits(long Charged, long Refunded);
