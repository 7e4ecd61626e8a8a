namespace Crm.Core.Credits;

public enum WalletOutcome
{
    /// <summary>The operation changed the balance now.</summary>
    Applied,

    /// <summary>The same operation id was applied before; nothing changed (D9).</summary>
    AlreadyApplied,

    /// <summary>A charge larger than the balance: nothing changed (W2).</summary>
    InsufficientCredits,

    /// <summary>More reward points spent than the tenant has: nothing changed (W5).</summary>
    InsufficientPoints,

    /// <summary>An adjustment that would take the balance or the points over <see cref="WalletLimits.MaxBalance"/>: nothing changed.</summary>
    OverMaximum,
}

/// <summary>What applying an operation did, and the wallet after it.</summary>
public sealed record WalletResult(WalletOutcome Outcome, Wallet Wallet);
