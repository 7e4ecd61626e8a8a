namespace Crm.Core.Delivery;

/// <summary>
/// A failure reported after its step's report window: the campaign's counters move once for it
/// (a recipient counted as sent becomes failed, its refund added), keyed by batch, step and recipient.
/// </summary>
public sealed record LateFailure(BatchStep Step, int Index, long Refunded);
