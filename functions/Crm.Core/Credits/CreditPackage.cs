namespace Crm.Core.Credits;

/// <summary>The top-up packages (W4): 22 KRW a credit, from 500 credits.</summary>
public static class CreditPackage
{
    public const int WonPerCredit = 22;

    /// <summary>Reward points pay in whole units of this many points, one point = one won (W5).</summary>
    public const int PointUnit = 1000;

    public static IReadOnlyList<int> Sizes { get; } = [500, 2500, 5000, 10000];

    public static bool IsValid(int credits) => Sizes.Contains(credits);

    public static long PriceWon(int credits) => (long)credits * WonPerCredit;
}
