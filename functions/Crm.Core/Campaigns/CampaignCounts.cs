namespace Crm.Core.Campaigns;

public sealed record CampaignCounts(int Recipients, int Queued, int Sent, int Failed);
