namespace Crm.Core.Campaigns;

/// <summary>An entry of the due index: a campaign to dispatch at <see cref="SendAt"/>.</summary>
public sealed record DueCampaign(string TenantId, string CampaignId, DateTimeOffset SendAt);
