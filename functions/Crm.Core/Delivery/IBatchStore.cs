namespace Crm.Core.Delivery;

public interface IBatchStore
{
    /// <summary>Writes batches (replacing any earlier copy, so a repeated dispatch is harmless).</summary>
    Task SaveAsync(IReadOnlyList<Batch> batches, CancellationToken cancellationToken);

    Task<Batch?> GetAsync(BatchRef batch, CancellationToken cancellationToken);
}
