using System.Text.Json;

namespace Crm.Core.Audiences;

/// <summary>
/// A customer as the API takes it. Reward points are not here: they are read-only, kept by the
/// points ledger. Custom values are JSON strings, numbers or booleans; a string in the form
/// 2026-01-31 or 2026-01-31T09:00:00+09:00 is a date.
/// </summary>
public sealed record CustomerRecord(
    string? Phone,
    string? Name = null,
    string? Grade = null,
    bool? MarketingConsent = null,
    DateTimeOffset? MarketingConsentAt = null,
    bool? NightAdConsent = null,
    bool? KakaoReachable = null,
    bool? AppPushReachable = null,
    bool? WhatsAppReachable = null,
    DateTimeOffset? LastOrderAt = null,
    decimal? TotalSpent = null,
    IReadOnlyDictionary<string, JsonElement>? Custom = null);
