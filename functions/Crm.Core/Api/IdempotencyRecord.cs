namespace Crm.Core.Api;

/// <summary>
/// What is kept under an Idempotency-Key: the fingerprint of the request it is bound to, when it
/// was first claimed (work derived from the key uses this time, so a retry derives the same ids),
/// the lease of the run that holds it, and its response once it finished.
/// <see cref="Version"/> is the store's concurrency token for a takeover.
/// </summary>
public sealed record IdempotencyRecord(string Fingerprint, DateTimeOffset ClaimedAt, DateTimeOffset LeaseUntil, StoredResponse? Response = null, string? Version = null);
