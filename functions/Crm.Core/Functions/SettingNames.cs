namespace Crm.Core.Functions;

/// <summary>
/// App setting names, identical in local.settings.sample.json, Crm.Local, Crm.Functions and
/// infra/main.bicep. "__" separates a section from its key, as the Functions host reads them.
/// </summary>
public static class SettingNames
{
    /// <summary>The CRM's state and queues: a connection string, or Storage__tableServiceUri/__queueServiceUri with managed identity.</summary>
    public const string Storage = "Storage";

    /// <summary>The Functions host's storage, where Durable keeps its task hub; Crm.Local hosts the task hub there too.</summary>
    public const string AzureWebJobsStorage = "AzureWebJobsStorage";

    /// <summary>NCRONTAB (UTC) for the due-campaign sweep, every minute by default (O1).</summary>
    public const string DueCampaignsSchedule = "DueCampaignsSchedule";

    /// <summary>NCRONTAB (UTC) for the nightly re-extraction of every group (G2): 01:00 KST is "0 0 16 * * *".</summary>
    public const string NightlyReextractSchedule = "NightlyReextractSchedule";

    /// <summary>NCRONTAB (UTC) for the daily points expiry (R3): 00:10 KST is "0 10 15 * * *".</summary>
    public const string PointsExpirySchedule = "PointsExpirySchedule";

    /// <summary>NCRONTAB (UTC) for the daily D-3 expiry notices (R4), at a civil hour: 10:00 KST is "0 0 1 * * *".</summary>
    public const string PointsNoticeSchedule = "PointsNoticeSchedule";

    /// <summary>NCRONTAB (UTC) for sending batched points change notices (R2): every 10 seconds, "*/10 * * * * *".</summary>
    public const string PointsChangeNoticeSchedule = "PointsChangeNoticeSchedule";

    /// <summary>NCRONTAB (UTC) for the reconciliation of batches whose workflow failed or vanished: every 5 minutes, "0 */5 * * * *".</summary>
    public const string ReconcileBatchesSchedule = "ReconcileBatchesSchedule";

    /// <summary>The secret in the delivery report webhook's URL (POST /api/delivery-reports/{secret}); a Key Vault reference in Azure.</summary>
    public const string DeliveryReportsSecret = "DeliveryReports__Secret";

    /// <summary>How long an AlimTalk/FriendTalk step waits for its reports before refunds and fallback (hh:mm:ss, default 00:05:00).</summary>
    public const string DeliveryReportsKakaoWindow = "DeliveryReports__KakaoWindow";

    /// <summary>The same for SMS, LMS, MMS and fallbacks (default 00:10:00); later reports are late reports.</summary>
    public const string DeliveryReportsMessageWindow = "DeliveryReports__MessageWindow";

    /// <summary>How often a waiting step asks the provider when no report webhook wakes it (default 00:00:15).</summary>
    public const string DeliveryReportsPollInterval = "DeliveryReports__PollInterval";

    /// <summary>"Sandbox" (records, sends nothing) or "Solapi" (sends through Solapi's v4 API, the Solapi__* settings).</summary>
    public const string MessagingProvider = "MessagingProvider";

    /// <summary>Solapi API key (a secret: a Key Vault reference in Azure). Required when MessagingProvider=Solapi.</summary>
    public const string SolapiApiKey = "Solapi__ApiKey";

    /// <summary>Solapi API secret, the HMAC-SHA256 signing key (a Key Vault reference in Azure). Required when MessagingProvider=Solapi.</summary>
    public const string SolapiApiSecret = "Solapi__ApiSecret";

    /// <summary>Solapi's API base URL; empty means https://api.solapi.com. Tests point it at a local stub.</summary>
    public const string SolapiBaseUrl = "Solapi__BaseUrl";

    /// <summary>"Sandbox" (approves every card except tokens starting "decline") or a real payment gateway.</summary>
    public const string PaymentProvider = "PaymentProvider";

    /// <summary>How long the sandbox takes to report a registered message's final status (hh:mm:ss, default 00:00:03).</summary>
    public const string SandboxReportDelay = "Sandbox__ReportDelay";

    /// <summary>Crm.Local only: seed a demo tenant when the store is empty.</summary>
    public const string SeedDemoTenant = "SeedDemoTenant";

    /// <summary>How late a date-based event's run missed while the host was down may still be sent (hh:mm:ss, default 01:00:00); older runs are recorded as missed.</summary>
    public const string CohortEventsMissedRunGrace = "CohortEvents__MissedRunGrace";

    /// <summary>B7: where runs of events linked to an external campaign are posted (JSON, HMAC-signed); empty: the sandbox records them instead.</summary>
    public const string ExternalCampaignsUrl = "ExternalCampaigns__Url";

    /// <summary>B7: the HMAC-SHA256 key of the X-Crm-Signature header on those posts (a Key Vault reference in Azure); required with a URL.</summary>
    public const string ExternalCampaignsSecret = "ExternalCampaigns__Secret";
}
