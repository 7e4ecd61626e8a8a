namespace Crm.Core.Campaigns;

/// <summary>One addressee: a normalised mobile number and the values for the content's #{variables}.</summary>
public sealed record Recipient(string Phone, IReadOnlyDictionary<string, string>? Variables = null);
