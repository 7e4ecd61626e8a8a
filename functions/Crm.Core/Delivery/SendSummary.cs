namespace Crm.Core.Delivery;

/// <summary>A send step's result as the workflow sees it: counts and credits; the details are in the outcome store.</summary>
public sealed record SendSummary(int Sent, int Failed, int NotSent = 0, long Charged = 0, long Refunded = 0)
{
    public static SendSummary None { get; } = new(0, 0);
}
