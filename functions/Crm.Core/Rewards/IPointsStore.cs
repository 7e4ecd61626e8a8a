namespace Crm.Core.Rewards;

/// <summary>
/// Points by bucket (<see cref="PointsBuckets"/>): a bucket's accounts, the ledger rows and the
/// applied operations of its customers share one partition (R1), so a grant or deduction, its
/// ledger entry and the balance it changes commit in one transaction, keyed by the caller's id.
/// </summary>
public interface IPointsStore
{
    /// <summary>The bucket, or an empty one (Version null) when nothing is stored in it.</summary>
    Task<PointsBucket> GetAsync(string tenantId, int bucket, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one customer's change once: <paramref name="entry"/> and the customer's unfiled
    /// entries become ledger rows, and the bucket is saved with <paramref name="after"/> (its unfiled
    /// entries cleared) under the bucket's version. False when the bucket changed meanwhile; null
    /// when the operation id was applied before.
    /// </summary>
    Task<bool?> TryApplyAsync(PointsBucket bucket, PointsEntry entry, PointsAccount after, CancellationToken cancellationToken);

    /// <summary>Saves a whole bucket (an expiry run) under its version; false when it changed meanwhile.</summary>
    Task<bool> TrySaveAsync(PointsBucket bucket, CancellationToken cancellationToken);

    Task<bool> HasOperationAsync(string tenantId, string phone, string operationId, CancellationToken cancellationToken);

    /// <summary>The customer's ledger after <paramref name="afterSequence"/>, filed and unfiled, in order.</summary>
    Task<IReadOnlyList<PointsEntry>> ListEntriesAsync(string tenantId, string phone, long afterSequence, int limit, CancellationToken cancellationToken);
}
