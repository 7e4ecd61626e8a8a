namespace Crm.Core.Audiences;

/// <summary>G4: numbers that refused advertising, per tenant, with when and how.</summary>
public interface IOptOutStore
{
    Task AddAsync(string tenantId, string phone, string source, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The tenant's opted-out numbers, read in one paged query (a batch checks against all of them).</summary>
    Task<IReadOnlySet<string>> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The tenant whose free 080 opt-out line this is, if any.</summary>
    Task<string?> FindTenantByLineAsync(string lineNumber, CancellationToken cancellationToken);

    Task RegisterLineAsync(string lineNumber, string tenantId, CancellationToken cancellationToken);
}
