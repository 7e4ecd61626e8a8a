namespace Crm.Core.Delivery;

/// <summary>Input of RecordBatchFailure: the batch could not be sent at all, and why.</summary>
public sealed record BatchFailure(BatchRef Batch, string Reason);
