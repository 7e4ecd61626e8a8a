using Crm.Core.Audiences.Conditions;

namespace Crm.Core.Audiences;

/// <summary>
/// A tenant's customer as groups see it (G1): the fields conditions compare, plus free custom fields
/// (string, number, bool or date). <see cref="Phone"/> is the normalised mobile number and the key.
/// </summary>
public sealed record Customer : IConditionSubject
{
    public required string Phone { get; init; }

    public string? Name { get; init; }

    public string? Grade { get; init; }

    public bool MarketingConsent { get; init; }

    public DateTimeOffset? MarketingConsentAt { get; init; }

    /// <summary>Separate consent to advertising at night (C4).</summary>
    public bool NightAdConsent { get; init; }

    public bool KakaoReachable { get; init; }

    public bool AppPushReachable { get; init; }

    public bool WhatsAppReachable { get; init; }

    public DateTimeOffset? LastOrderAt { get; init; }

    public decimal TotalSpent { get; init; }

    /// <summary>Loyalty points balance; read-only here, kept by the points ledger (R1).</summary>
    public long RewardPoints { get; init; }

    public IReadOnlyDictionary<string, CustomValue> Custom { get; init; } = new Dictionary<string, CustomValue>();

    ConditionValue? IConditionSubject.Read(string field) => CustomerFields.Read(this, field);
}
