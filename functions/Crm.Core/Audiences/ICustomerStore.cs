namespace Crm.Core.Audiences;

/// <summary>
/// A tenant's customers, stored so that a full scan reads a few hundred entities per million
/// customers rather than a million rows (G1 extraction reads them all every night).
/// </summary>
public interface ICustomerStore
{
    /// <summary>Creates or replaces customers by phone; many at once cost a scan plus one write per 100 buckets touched.</summary>
    Task UpsertAsync(string tenantId, IReadOnlyList<Customer> customers, CancellationToken cancellationToken);

    Task<Customer?> GetAsync(string tenantId, string phone, CancellationToken cancellationToken);

    /// <summary>The customers among <paramref name="phones"/> that exist: a read per bucket touched, or one scan when they touch most buckets.</summary>
    Task<IReadOnlyList<Customer>> GetManyAsync(string tenantId, IReadOnlyCollection<string> phones, CancellationToken cancellationToken);

    /// <summary>Erases the customer; false when there was none.</summary>
    Task<bool> DeleteAsync(string tenantId, string phone, CancellationToken cancellationToken);

    /// <summary>Every customer of the tenant, streamed.</summary>
    IAsyncEnumerable<Customer> ScanAsync(string tenantId, CancellationToken cancellationToken);
}
