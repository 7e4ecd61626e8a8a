using Crm.Core.Common;

namespace Crm.Core.Delivery;

/// <summary>
/// Recipients' outcomes, kept per batch (a batch's originals and fallbacks together) so that a
/// batch is read in one request and changed atomically: delivery reports and late reports update
/// the same batch concurrently.
/// </summary>
public interface IOutcomeStore
{
    /// <summary>Records outcomes, each replacing the earlier outcome of its recipient and step.</summary>
    Task SaveAsync(IReadOnlyList<RecipientOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>Every outcome of one batch, in index order, each fallback right after its original.</summary>
    Task<IReadOnlyList<RecipientOutcome>> ListAsync(BatchRef batch, CancellationToken cancellationToken);

    /// <summary>One batch's delivery record (batch 1 and up): outcomes, claim and provider steps.</summary>
    Task<BatchOutcomes> GetAsync(BatchRef batch, CancellationToken cancellationToken);

    /// <summary>
    /// Changes one batch's delivery record atomically: <paramref name="change"/> gets it and returns the
    /// new record (null: nothing to write) with a result; on a concurrent write it is called again on
    /// the new state, so it must not have side effects.
    /// </summary>
    Task<T> UpdateAsync<T>(BatchRef batch, Func<BatchOutcomes, (BatchOutcomes? Updated, T Result)> change, CancellationToken cancellationToken);

    /// <summary>A page of a campaign's history in send order, optionally only one status.</summary>
    Task<ResultPage<RecipientOutcome>> ListPageAsync(string tenantId, string campaignId, OutcomeStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken);
}
