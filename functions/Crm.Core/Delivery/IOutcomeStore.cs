using Crm.Core.Common;

namespace Crm.Core.Delivery;

public interface IOutcomeStore
{
    /// <summary>Writes one batch's outcomes, 100 per transaction; writing them again replaces them.</summary>
    Task SaveAsync(IReadOnlyList<RecipientOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>Every outcome of one batch, each fallback right after the original it replaces.</summary>
    Task<IReadOnlyList<RecipientOutcome>> ListAsync(BatchRef batch, CancellationToken cancellationToken);

    /// <summary>A page of a campaign's history in send order, optionally only one status.</summary>
    Task<ResultPage<RecipientOutcome>> ListPageAsync(string tenantId, string campaignId, OutcomeStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken);
}
