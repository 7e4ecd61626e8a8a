namespace Crm.Core.Audiences;

/// <summary>A customer as the API returns it: custom values in the same plain form they are sent in.</summary>
public sealed record CustomerView(
    string Phone,
    string? Name,
    string? Grade,
    bool MarketingConsent,
    DateTimeOffset? MarketingConsentAt,
    bool NightAdConsent,
    bool KakaoReachable,
    bool AppPushReachable,
    bool WhatsAppReachable,
    DateTimeOffset? LastOrderAt,
    decimal TotalSpent,
    long RewardPoints,
    IReadOnlyDictionary<string, object?> Custom)
{
    public static CustomerView From(Customer c) => new(
        c.Phone, c.Name, c.Grade, c.MarketingConsent, c.MarketingConsentAt, c.NightAdConsent, c.KakaoReachable, c.AppPushReachable, c.WhatsAppReachable,
        c.LastOrderAt, c.TotalSpent, c.RewardPoints, c.Custom.ToDictionary(p => p.Key, p => p.Value.Value));
}
