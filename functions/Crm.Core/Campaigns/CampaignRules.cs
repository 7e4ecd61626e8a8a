namespace Crm.Core.Campaigns;

/// <summary>Limits from DOMAIN.md D8 and C1, in one place.</summary>
public static class CampaignRules
{
    public const int SmsMaxBytes = 90;
    public const int LmsMaxBytes = 2000;
    public const int SubjectMaxBytes = 40;
    public const int MaxRecipientsPerRequest = 100_000;
    public const string AdvertisingPrefix = "(광고)";

    /// <summary>Per-recipient errors reported in one response; the rest are counted.</summary>
    public const int MaxReportedRecipientErrors = 20;

    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(366);
}
