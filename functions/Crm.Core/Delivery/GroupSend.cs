namespace Crm.Core.Delivery;

/// <summary>Input of SendBatch and SendFallback: the batch, and the provider's group its step goes in (from PrepareSend).</summary>
public sealed record GroupSend(BatchRef Batch, string GroupId);
