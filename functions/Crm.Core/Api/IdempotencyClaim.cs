namespace Crm.Core.Api;

/// <summary>
/// A request's hold on its Idempotency-Key, handed to the work it guards: ids derived from
/// <see cref="Key"/> and <see cref="ClaimedAt"/> are the same in every run of that request, also in
/// a retry that takes over after a run died mid-way, so the work is done once.
/// </summary>
public sealed record IdempotencyClaim(string Key, DateTimeOffset ClaimedAt);
