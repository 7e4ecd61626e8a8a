namespace Crm.Core.Delivery;

/// <summary>The CRM's own failure codes in history; providers' codes (e.g. Kakao's 3107) pass through as they are.</summary>
public static class FailureCodes
{
    public const string InsufficientCredits = "INSUFFICIENT_CREDITS";
    public const string ProviderUnavailable = "PROVIDER_UNAVAILABLE";
    public const string NoResult = "NO_RESULT";
    public const string NightRestricted = "NIGHT_RESTRICTED";
    public const string Cancelled = "CANCELLED";
    public const string Unencodable = "UNENCODABLE";
    public const string OptedOut = "OPTED_OUT";
    public const string TooLong = "TOO_LONG";
    public const string WorkflowFailed = "WORKFLOW_FAILED";
}
