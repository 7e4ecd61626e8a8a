namespace Crm.Core.Rewards;

/// <summary>Each tenant's points policy and how far its expiry runs and notices have got.</summary>
public interface IPointsPolicyStore
{
    Task<PointsPolicyState?> GetAsync(string tenantId, CancellationToken cancellationToken);

    Task SaveAsync(PointsPolicyState state, CancellationToken cancellationToken);

    IAsyncEnumerable<PointsPolicyState> ListAsync(CancellationToken cancellationToken);
}
