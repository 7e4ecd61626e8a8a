namespace Crm.Core.Campaigns;

/// <summary>One row of an explicit audience; <see cref="NightConsent"/> is the separate consent to night advertising (C4).</summary>
public sealed record RecipientSubmission(string? Phone, IReadOnlyDictionary<string, string>? Variables, bool NightConsent = false);
