namespace Crm.Core.Campaigns;

/// <summary>Where every recipient stands: queued + sent + failed + notSent = recipients. Fallback sends are part of sent.</summary>
public sealed record CampaignCounts(int Recipients, int Queued, int Sent, int Failed, int NotSent = 0, int FallbackSent = 0);
