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
}
