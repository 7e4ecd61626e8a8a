namespace Crm.Core.Rewards;

/// <summary>Why points changed (R1).</summary>
public enum PointsReason
{
    Purchase,
    Event,
    Review,
    Manual,
    Checkout,
    Expired,
}
