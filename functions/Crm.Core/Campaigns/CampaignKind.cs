namespace Crm.Core.Campaigns;

/// <summary>C3: advertising carries (광고) and an opt-out number; informational needs neither.</summary>
public enum CampaignKind
{
    Informational,
    Advertising,
}
