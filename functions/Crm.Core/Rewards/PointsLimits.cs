namespace Crm.Core.Rewards;

/// <summary>
/// The largest points amounts (R1): far above any shop's, far below where a long wraps, so no
/// balance or sum of grants can overflow (the sums are checked besides).
/// </summary>
public static class PointsLimits
{
    /// <summary>The points one grant or deduction may move.</summary>
    public const long MaxChange = 100_000_000;

    /// <summary>A customer's balance never goes above this: a grant that would take it there is refused.</summary>
    public const long MaxBalance = 1_000_000_000;
}
