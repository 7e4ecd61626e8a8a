namespace Crm.Core.Delivery;

/// <summary>Input of RecordBatchFailure: a step of the batch could not be sent at all, and why.</summary>
public sealed record BatchFailure(BatchRef Batch, string Reason, SendStep Step = SendStep.Send);
