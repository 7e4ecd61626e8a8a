namespace Crm.Core.Delivery;

/// <summary>
/// Everything recorded about one batch's delivery, changed as one: each recipient's outcome
/// (originals in index order, each fallback after its original), who claimed the batch, and its
/// steps at the provider.
/// </summary>
public sealed record BatchOutcomes(IReadOnlyList<RecipientOutcome> Outcomes, BatchClaim? Claim, IReadOnlyDictionary<SendStep, StepDelivery> Steps)
{
    public static BatchOutcomes Empty { get; } = new([], null, new Dictionary<SendStep, StepDelivery>());

    public StepDelivery Step(SendStep step) => Steps.TryGetValue(step, out var s) ? s : new StepDelivery();

    public IEnumerable<RecipientOutcome> Of(SendStep step) => Outcomes.Where(o => o.IsFallback == (step == SendStep.Fallback));

    /// <summary>These outcomes added, each replacing the earlier one of its recipient and step.</summary>
    public BatchOutcomes With(IEnumerable<RecipientOutcome> changed)
    {
        var merged = Outcomes.ToDictionary(o => (o.Index, o.IsFallback));
        foreach (var o in changed)
        {
            merged[(o.Index, o.IsFallback)] = o;
        }

        return this with { Outcomes = merged.Values.OrderBy(o => o.Index).ThenBy(o => o.IsFallback).ToList() };
    }

    public BatchOutcomes With(SendStep step, StepDelivery delivery) =>
        this with { Steps = new Dictionary<SendStep, StepDelivery>(Steps) { [step] = delivery } };
}
