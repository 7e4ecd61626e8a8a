namespace Crm.Core.Delivery;

/// <summary>Input of CompleteBatch: the counts to add to the campaign's progress.</summary>
public sealed record BatchCompletion(BatchRef Batch, int Sent, int Failed);
