namespace Crm.Core.Api;

/// <summary>Responses by (tenant, Idempotency-Key), kept forever, so a retried request gets the first answer.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a new request: true when this caller owns it now; false when it was
    /// claimed before, with the stored response if that request finished (null while it runs).
    /// </summary>
    Task<(bool Claimed, StoredResponse? Earlier)> TryClaimAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken);

    Task CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Gives the key up after a failure that is not the caller's (a 5xx), so a retry can run.</summary>
    Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken);
}
