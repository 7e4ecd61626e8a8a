namespace Crm.Core.Cohorts;

/// <summary>The body of "all off": empty at first (the answer carries a token and the count); the token from that answer to confirm.</summary>
public sealed record AllOffRequest(string? ConfirmationToken = null);
