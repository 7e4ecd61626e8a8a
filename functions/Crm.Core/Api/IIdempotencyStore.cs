namespace Crm.Core.Api;

/// <summary>Idempotency keys by (tenant, key), kept forever once their request finished.</summary>
public interface IIdempotencyStore
{
    /// <summary>Stores <paramref name="record"/> unless the key has one: null when stored (the caller holds the key), else the record the key has.</summary>
    Task<IdempotencyRecord?> TryAddAsync(string tenantId, string key, IdempotencyRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Takes over a key whose lease ran out (its run died): gives it a new lease if it is still as
    /// <paramref name="current"/> was read; false when another caller changed it first.
    /// </summary>
    Task<bool> TryTakeOverAsync(string tenantId, string key, IdempotencyRecord current, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Keeps the response, which every later request with the key gets.</summary>
    Task CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Ends the lease at <paramref name="now"/> after a failure that is not the caller's (a 5xx): the same request may be retried at once.</summary>
    Task EndLeaseAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets the key: the request was refused before it did anything (a 400), so the key is free for any request.</summary>
    Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken);
}
