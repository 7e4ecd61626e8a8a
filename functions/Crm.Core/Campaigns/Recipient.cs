namespace Crm.Core.Campaigns;

/// <summary>One addressee: a normalised mobile number, the values for the content's #{variables}, and night-advertising consent.</summary>
public sealed record Recipient(string Phone, IReadOnlyDictionary<string, string>? Variables = null, bool NightConsent = false);
