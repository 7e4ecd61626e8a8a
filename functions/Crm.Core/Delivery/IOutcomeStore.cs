namespace Crm.Core.Delivery;

public interface IOutcomeStore
{
    /// <summary>Writes one batch's outcomes, 100 per transaction; writing them again replaces them.</summary>
    Task SaveAsync(IReadOnlyList<RecipientOutcome> outcomes, CancellationToken cancellationToken);

    Task<IReadOnlyList<RecipientOutcome>> ListAsync(BatchRef batch, CancellationToken cancellationToken);
}
