namespace Crm.Core.Credits;

/// <summary>
/// W3: buy <see cref="PackageCredits"/> when the balance falls to or below <see cref="Threshold"/>,
/// with the registered card. A declined payment switches it off and records why.
/// </summary>
public sealed record AutoTopUp(bool Enabled, long Threshold, int PackageCredits, string? CardToken, string? DisabledReason = null)
{
    public static AutoTopUp Off { get; } = new(false, 0, 0, null);

    public bool CanRun => Enabled && CardToken is not null && PackageCredits > 0;
}
