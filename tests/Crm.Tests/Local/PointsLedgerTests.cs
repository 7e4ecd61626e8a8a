using Crm.Core.Common;
using Crm.Core.Rewards;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Local;

/// <summary>R1 against a real Azurite: FIFO by expiry, each operation once, no overdraft, balance = ledger sum.</summary>
public sealed class PointsLedgerTests(AzuriteFixture azurite)
{
    private const string Phone = "010-4000-0001";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(9));

    private static async Task<(ServiceProvider Services, PointsService Points, string Tenant)> SetUpAsync(AzuriteFixture azurite)
    {
        var services = CrmServices.Create(azurite, new FakeTimeProvider(Now));
        return (services, services.GetRequiredService<PointsService>(), await services.NewTenantAsync(0));
    }

    [Fact]
    public async Task Use_consumes_the_grants_that_expire_first()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, points, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        await points.GrantAsync(tenant, Phone, new PointsChange("order-1", 1000, PointsReason.Purchase, ExpiresAt: Now.AddDays(90)), ct);
        await points.GrantAsync(tenant, Phone, new PointsChange("review-1", 500, PointsReason.Review, ExpiresAt: Now.AddDays(30)), ct);
        await points.GrantAsync(tenant, Phone, new PointsChange("event-1", 300, PointsReason.Event, ExpiresAt: Now.AddDays(60)), ct);

        var balance = await points.DeductAsync(tenant, Phone, new PointsChange("checkout-9", 700, Reference: "order-9"), ct);

        Assert.Equal(1100, balance.Balance);
        Assert.Equal(
            [new PointsExpiryAmount(Now.AddDays(60), 100), new PointsExpiryAmount(Now.AddDays(90), 1000)],
            balance.ByExpiry);
        var history = await points.HistoryAsync(tenant, Phone, 0, 100, ct);
        Assert.Equal([1000L, 500L, 300L, -700L], history.Select(e => e.Amount));
        Assert.Equal(balance.Balance, history.Sum(e => e.Amount));
    }

    [Fact]
    public async Task A_repeated_grant_or_deduction_is_applied_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, points, tenant) = await SetUpAsync(azurite);
        using var _ = services;

        await points.GrantAsync(tenant, Phone, new PointsChange("order-1", 1000, PointsReason.Purchase), ct);
        await points.GrantAsync(tenant, Phone, new PointsChange("order-1", 1000, PointsReason.Purchase), ct);
        await points.DeductAsync(tenant, Phone, new PointsChange("checkout-1", 1000), ct);
        var again = await points.DeductAsync(tenant, Phone, new PointsChange("checkout-1", 1000), ct);

        Assert.Equal(0, again.Balance);
        Assert.Equal(2, (await points.HistoryAsync(tenant, Phone, 0, 100, ct)).Count);
    }

    [Fact]
    public async Task A_repeated_deduction_that_could_be_planned_again_is_still_applied_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, points, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        await points.GrantAsync(tenant, Phone, new PointsChange("order-1", 1000, PointsReason.Purchase), ct);

        await points.DeductAsync(tenant, Phone, new PointsChange("checkout-1", 100), ct);
        var again = await points.DeductAsync(tenant, Phone, new PointsChange("checkout-1", 100), ct);

        Assert.Equal(900, again.Balance);
        Assert.Equal([1000L, 900], (await points.HistoryAsync(tenant, Phone, 0, 100, ct)).Select(e => e.BalanceAfter));
    }

    [Fact]
    public async Task Many_unfiled_entries_are_filed_90_per_change_and_history_stays_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, points, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        var store = services.GetRequiredService<IPointsStore>();
        var phone = PhoneNumber.RequireMobile(Phone);

        // An account as 95 expiry runs would leave it if the customer never came back in between.
        var unfiled = Enumerable.Range(1, 95).Select(i => new PointsEntry(i, $"expire:{i}", PointsReason.Expired, -1, 1095 - i, null, Now)).ToList();
        var account = new PointsAccount(tenant, phone, 1000, 95, [new PointsGrant("g", 1000, 1000, PointsReason.Manual, Now, Now.AddDays(30))], unfiled);
        Assert.True(await store.TrySaveAsync(new PointsBucket(tenant, PointsBuckets.Of(phone), [account], null), ct));

        await points.DeductAsync(tenant, Phone, new PointsChange("checkout-1", 10), ct);
        Assert.Equal(5, (await store.GetAsync(tenant, PointsBuckets.Of(phone), ct)).Account(phone).Unfiled.Count);
        Assert.Equal(Enumerable.Range(1, 96).Select(i => (long)i), (await points.HistoryAsync(tenant, Phone, 0, 200, ct)).Select(e => e.Sequence));
        Assert.Equal([90L, 91, 92], (await points.HistoryAsync(tenant, Phone, 89, 3, ct)).Select(e => e.Sequence));

        await points.DeductAsync(tenant, Phone, new PointsChange("checkout-2", 10), ct);
        Assert.Empty((await store.GetAsync(tenant, PointsBuckets.Of(phone), ct)).Account(phone).Unfiled);
        var history = await points.HistoryAsync(tenant, Phone, 0, 200, ct);
        Assert.Equal(Enumerable.Range(1, 97).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.Equal(980, history[^1].BalanceAfter);
    }

    [Fact]
    public async Task A_deduction_larger_than_the_balance_is_refused_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, points, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        await points.GrantAsync(tenant, Phone, new PointsChange("order-1", 300, PointsReason.Purchase), ct);

        var ex = await Assert.ThrowsAsync<CrmValidationException>(() => points.DeductAsync(tenant, Phone, new PointsChange("checkout-1", 301), ct));

        Assert.Contains("300", Assert.Single(ex.Errors["amount"]));
        Assert.Equal(300, (await points.BalanceAsync(tenant, Phone, ct)).Balance);
    }

    [Fact]
    public async Task Concurrent_deductions_never_overdraw()
    {
        var ct = TestContext.Current.CancellationToken;
        var (services, points, tenant) = await SetUpAsync(azurite);
        using var _ = services;
        await points.GrantAsync(tenant, Phone, new PointsChange("order-1", 1000, PointsReason.Purchase), ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 15).Select(async i =>
        {
            try
            {
                await points.DeductAsync(tenant, Phone, new PointsChange($"checkout-{i}", 100), ct);
                return true;
            }
            catch (CrmValidationException)
            {
                return false;
            }
        }));

        Assert.Equal(10, results.Count(r => r));
        Assert.Equal(0, (await points.BalanceAsync(tenant, Phone, ct)).Balance);
    }
}
