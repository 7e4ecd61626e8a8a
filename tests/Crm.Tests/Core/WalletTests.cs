using Crm.Core.Credits;

namespace Crm.Tests.Core;

public sealed class WalletTests
{
    [Fact]
    public void Charges_spend_point_credits_first_and_refunds_give_them_back_first()
    {
        var wallet = Wallet.Empty("shop")
            .After(new WalletOperation("t1", LedgerKind.TopUp, 500, null))
            .After(new WalletOperation("t2", LedgerKind.TopUp, 100, null, NonRefundableAmount: 100));

        var charged = wallet.After(WalletOperation.Charge("c1", 150, null));
        Assert.Equal((450L, 0L, 100L), (charged.Balance, charged.NonRefundable, charged.NonRefundableSpent));

        var refunded = charged.After(WalletOperation.Refund("r1", 120, null));
        Assert.Equal((570L, 100L, 0L), (refunded.Balance, refunded.NonRefundable, refunded.NonRefundableSpent));
        Assert.Equal(4, refunded.LastSequence);
    }

    [Fact]
    public void Points_move_with_the_operation_that_spends_them()
    {
        var wallet = Wallet.Empty("shop").After(new WalletOperation("grant", LedgerKind.Adjustment, 0, null, PointsDelta: 20_000));
        Assert.Equal(8_000, wallet.After(new WalletOperation("spend", LedgerKind.Adjustment, 0, null, PointsDelta: -12_000)).RewardPoints);
    }

    [Fact]
    public void Sums_that_would_wrap_throw_instead()
    {
        var full = Wallet.Empty("shop") with { Balance = long.MaxValue };

        Assert.Throws<OverflowException>(() => full.After(WalletOperation.Refund("r1", 1, null)));
        var points = Wallet.Empty("shop").After(new WalletOperation("a1", LedgerKind.Adjustment, 0, null, PointsDelta: long.MinValue));
        Assert.Throws<OverflowException>(() => points.After(new WalletOperation("a2", LedgerKind.Adjustment, 0, null, PointsDelta: -1)));
    }

    [Fact]
    public void An_adjustment_over_the_maximum_is_refused_while_owed_credits_are_not()
    {
        var full = Wallet.Empty("shop") with { Balance = WalletLimits.MaxBalance, RewardPoints = WalletLimits.MaxBalance };

        Assert.Equal(WalletOutcome.OverMaximum, full.Refusal(new WalletOperation("a1", LedgerKind.Adjustment, 1, null, Capped: true)));
        Assert.Equal(WalletOutcome.OverMaximum, full.Refusal(new WalletOperation("a2", LedgerKind.Adjustment, 0, null, PointsDelta: 1, Capped: true)));
        Assert.Null(full.Refusal(new WalletOperation("a3", LedgerKind.Adjustment, -1, null, Capped: true)));
        Assert.Null(full.Refusal(WalletOperation.Refund("r1", 1, null)));
    }
}
