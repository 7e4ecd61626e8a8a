namespace Crm.Core.Delivery;

/// <summary>Message on the campaign-dispatch queue: dispatch this campaign now.</summary>
public sealed record DispatchRequest(string TenantId, string CampaignId);
