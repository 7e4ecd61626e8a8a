using Crm.Core.Credits;
using Crm.Providers.Payments;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>W3 against a real Azurite: one top-up however many reservations race for it; a decline switches it off.</summary>
public sealed class AutoTopUpTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Twenty_concurrent_reservations_trigger_exactly_one_auto_top_up()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var wallets = services.GetRequiredService<WalletService>();
        var tenant = Ids.Tenant();
        await wallets.AdjustAsync(tenant, "seed", 100, "test", ct);
        await wallets.SetAutoTopUpAsync(tenant, new AutoTopUp(true, 50, 500, "card-ok"), ct);

        var paid = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => wallets.ChargeAsync(tenant, $"charge:{i}", 10, "test", ct)));

        Assert.All(paid, Assert.True);
        var charges = services.GetRequiredService<SandboxCardPayments>().Charges;
        Assert.Equal(11_000, Assert.Single(charges).AmountWon);
        var wallet = await wallets.GetAsync(tenant, ct);
        Assert.Equal(100 + 500 - 200, wallet.Balance);
        Assert.Null(wallet.TopUpLeaseUntil);
        var ledger = await wallets.ListLedgerAsync(tenant, 0, 1000, ct);
        Assert.Equal(wallet.Balance, ledger.Sum(e => e.Amount));
        Assert.Single(ledger, e => e.Kind == LedgerKind.TopUp);
    }

    [Fact]
    public async Task A_declined_card_switches_auto_top_up_off_with_the_reason_and_the_charge_fails_for_credits()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var wallets = services.GetRequiredService<WalletService>();
        var tenant = Ids.Tenant();
        await wallets.AdjustAsync(tenant, "seed", 5, "test", ct);
        await wallets.SetAutoTopUpAsync(tenant, new AutoTopUp(true, 10, 500, "decline-card"), ct);

        Assert.False(await wallets.ChargeAsync(tenant, "charge:1", 10, "test", ct));

        var wallet = await wallets.GetAsync(tenant, ct);
        Assert.False(wallet.AutoTopUp.Enabled);
        Assert.Contains("declined", wallet.AutoTopUp.DisabledReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, wallet.Balance);
        Assert.Empty(services.GetRequiredService<SandboxCardPayments>().Charges);
    }

    [Fact]
    public async Task A_replayed_charge_or_refund_changes_the_balance_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var wallets = services.GetRequiredService<WalletService>();
        var tenant = Ids.Tenant();
        await wallets.AdjustAsync(tenant, "seed", 30, "test", ct);

        Assert.True(await wallets.ChargeAsync(tenant, "charge:b1", 30, "batch 1", ct));
        Assert.True(await wallets.ChargeAsync(tenant, "charge:b1", 30, "batch 1", ct)); // replay after success, at balance 0
        await wallets.RefundAsync(tenant, "refund:b1", 7, "failures", ct);
        await wallets.RefundAsync(tenant, "refund:b1", 7, "failures", ct);

        Assert.Equal(7, (await wallets.GetAsync(tenant, ct)).Balance);
        Assert.Equal(3, (await wallets.ListLedgerAsync(tenant, 0, 100, ct)).Count);
    }
}
