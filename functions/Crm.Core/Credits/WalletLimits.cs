namespace Crm.Core.Credits;

/// <summary>
/// The largest amounts the wallet takes: far above any shop's, far below where a long wraps, so
/// no balance, ledger sum or campaign cost can overflow (the sums are checked besides).
/// </summary>
public static class WalletLimits
{
    /// <summary>The credit balance, and the reward points, that an adjustment or a top-up never takes a wallet above.</summary>
    public const long MaxBalance = 1_000_000_000;

    /// <summary>The credits, or reward points, one support adjustment may add or remove.</summary>
    public const long MaxAdjustment = 100_000_000;

    /// <summary>The highest auto top-up threshold (W3).</summary>
    public const long MaxThreshold = 100_000_000;
}
