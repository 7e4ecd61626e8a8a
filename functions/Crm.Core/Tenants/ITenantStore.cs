namespace Crm.Core.Tenants;

public interface ITenantStore
{
    Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the tenant and its registered sender numbers.</summary>
    Task SaveAsync(Tenant tenant, CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);

    /// <summary>Every tenant id (the nightly jobs walk them all).</summary>
    IAsyncEnumerable<string> ListIdsAsync(CancellationToken cancellationToken);
}
