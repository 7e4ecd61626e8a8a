namespace Crm.Core.Rewards;

/// <summary>R2: points changes waiting for the next batch of change notices, across all tenants.</summary>
public interface IChangeNoticeQueue
{
    Task AddAsync(string tenantId, string phone, string operationId, long change, PointsReason reason, long balance, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<PendingChangeNotice>> ListAsync(CancellationToken cancellationToken);

    Task RemoveAsync(IReadOnlyList<PendingChangeNotice> notices, CancellationToken cancellationToken);
}
