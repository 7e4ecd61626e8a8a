namespace Crm.Core.Rewards;

/// <summary>
/// A customer's grants, ledger and balance share one partition (R1): a grant or deduction and the
/// balance it changes commit in one transaction, keyed by the caller's operation id.
/// </summary>
public interface IPointsStore
{
    Task<PointsAccount> GetAsync(string tenantId, string phone, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a change once: <paramref name="changedGrants"/> (new or with a new remaining amount)
    /// and one ledger entry, under the account's version. False when the account changed meanwhile;
    /// null when the operation id was applied before.
    /// </summary>
    Task<bool?> TryApplyAsync(PointsAccount account, PointsEntry entry, IReadOnlyList<PointsGrant> changedGrants, CancellationToken cancellationToken);

    Task<bool> HasOperationAsync(string tenantId, string phone, string operationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PointsEntry>> ListEntriesAsync(string tenantId, string phone, long afterSequence, int limit, CancellationToken cancellationToken);
}
