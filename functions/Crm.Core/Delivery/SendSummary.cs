namespace Crm.Core.Delivery;

/// <summary>
/// A send step's result as the workflow sees it: counts and credits (the details are in the outcome
/// store); <see cref="Pending"/> messages await their delivery report; <see cref="FallbackEligible"/>
/// failures may get an SMS/LMS fallback (D5: the tenant allows it and the failure is the kind SMS mends);
/// <see cref="Unreported"/> messages are counted sent though their report never came in the window.
/// </summary>
public sealed record SendSummary(int Sent, int Failed, int NotSent = 0, long Charged = 0, long Refunded = 0, int Pending = 0, int FallbackEligible = 0, int Unreported = 0)
{
    public static SendSummary None { get; } = new(0, 0);
}
