namespace Crm.Core.Tenants;

public interface ITenantStore
{
    Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the tenant and its registered sender numbers.</summary>
    Task SaveAsync(Tenant tenant, CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);
}
