namespace Crm.Core.Rewards;

/// <summary>Grants by expiry time per tenant (R3, R4): written with each grant, read by expiry runs and D-3 selection.</summary>
public interface IPointsExpiryIndex
{
    Task AddAsync(string tenantId, ExpiryIndexEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries expiring after <paramref name="after"/> (exclusive; null = from the start) up to <paramref name="upTo"/> (inclusive).</summary>
    IAsyncEnumerable<ExpiryIndexEntry> ListAsync(string tenantId, DateTimeOffset? after, DateTimeOffset upTo, CancellationToken cancellationToken);

    Task RemoveAsync(string tenantId, IReadOnlyList<ExpiryIndexEntry> entries, CancellationToken cancellationToken);
}
