namespace Crm.Core.Credits;

/// <summary>The wallet as the API shows it; the card token itself is never echoed.</summary>
public sealed record WalletView(string TenantId, long Balance, long NonRefundable, long RewardPoints, long LastSequence, AutoTopUpView AutoTopUp)
{
    public static WalletView From(Wallet w) => new(
        w.TenantId, w.Balance, w.NonRefundable, w.RewardPoints, w.LastSequence,
        new AutoTopUpView(w.AutoTopUp.Enabled, w.AutoTopUp.Threshold, w.AutoTopUp.PackageCredits, w.AutoTopUp.CardToken is not null, w.AutoTopUp.DisabledReason));
}
