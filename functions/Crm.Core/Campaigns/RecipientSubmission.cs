namespace Crm.Core.Campaigns;

public sealed record RecipientSubmission(string? Phone, IReadOnlyDictionary<string, string>? Variables);
