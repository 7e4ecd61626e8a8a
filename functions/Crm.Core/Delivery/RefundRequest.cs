namespace Crm.Core.Delivery;

/// <summary>Input of RefundBatch: refund the failed sends of one step of one batch (D4, D7).</summary>
public sealed record RefundRequest(BatchRef Batch, SendStep Step);
