namespace Crm.Core.Rewards;

/// <summary>Each tenant's points policy and how far its expiry runs and notices have got.</summary>
public interface IPointsPolicyStore
{
    Task<PointsPolicyState?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Creates or changes the policy, leaving the runs' bookkeeping as it is.</summary>
    Task SavePolicyAsync(string tenantId, PointsPolicy policy, CancellationToken cancellationToken);

    /// <summary>Records the expiry run done, leaving the policy as it is (a tenant may edit it while the run goes on).</summary>
    Task RecordExpiryRunAsync(string tenantId, DateOnly run, CancellationToken cancellationToken);

    /// <summary>Records the run D-3 notices were sent for, leaving the policy as it is.</summary>
    Task RecordNoticeRunAsync(string tenantId, DateOnly run, CancellationToken cancellationToken);

    IAsyncEnumerable<PointsPolicyState> ListAsync(CancellationToken cancellationToken);
}
