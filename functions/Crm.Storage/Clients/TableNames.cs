namespace Crm.Storage.Clients;

/// <summary>Every table of the CRM (letters and digits only, as Table Storage requires).</summary>
public static class TableNames
{
    public const string Tenants = "Tenants";
    public const string Campaigns = "Campaigns";
    public const string CampaignDue = "CampaignDue";
    public const string CampaignRecipients = "CampaignRecipients";
    public const string Batches = "Batches";
    public const string Outcomes = "Outcomes";
    public const string Wallets = "Wallets";
    public const string Customers = "Customers";
    public const string Groups = "Groups";
    public const string GroupMembers = "GroupMembers";
    public const string OptOuts = "OptOuts";
    public const string Points = "Points";
    public const string RewardPolicies = "RewardPolicies";
    public const string PointsChangeNotices = "PointsChangeNotices";

    /// <summary>The cohort CRM (B): funnels, courses, cohorts, date-based events and the events' due index.</summary>
    public const string Cohorts = "Cohorts";

    /// <summary>A cohort's people in compressed buckets.</summary>
    public const string CohortPeople = "CohortPeople";

    /// <summary>The sandbox provider's groups and messages (what it "sent"), kept across restarts.</summary>
    public const string SandboxGroups = "SandboxGroups";

    public static IReadOnlyList<string> All { get; } = [Tenants, Campaigns, CampaignDue, CampaignRecipients, Batches, Outcomes, Wallets, Customers, Groups, GroupMembers, OptOuts, Points, RewardPolicies, PointsChangeNotices, Cohorts, CohortPeople, SandboxGroups];
}
