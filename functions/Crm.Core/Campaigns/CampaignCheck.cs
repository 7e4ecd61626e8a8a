namespace Crm.Core.Campaigns;

/// <summary>
/// A sending campaign the reconciliation looks at again from <see cref="CheckAt"/>: kept from the
/// moment its batches are cut until every batch is settled. <see cref="SendingSince"/> is when
/// its batches were cut, from which a batch with no workflow at all counts as vanished.
/// </summary>
public sealed record CampaignCheck(string TenantId, string CampaignId, DateTimeOffset CheckAt, DateTimeOffset SendingSince);
