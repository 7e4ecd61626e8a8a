using System.Text;
using Crm.Core.Api;
using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Core.Rewards;
using Crm.Core.Tenants;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Local;

/// <summary>
/// Amounts have documented maxima at the edge (a 400 naming the field) and balances a ceiling that
/// a grant or an adjustment never crosses: no sum of points or credits wraps.
/// </summary>
public sealed class AmountLimitsTests(AzuriteFixture azurite)
{
    private const string Phone = "01047000001";

    private static ApiRequest Request(string json, params (string Name, string Value)[] route) =>
        new(route.ToDictionary(r => r.Name, r => r.Value), new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string[] Errors(ApiResponse response, string field) =>
        Assert.IsType<ProblemDetails>(response.Body).Errors is { } errors && errors.TryGetValue(field, out var messages) ? messages : [];

    private static Task<ApiResponse> GrantAsync(IServiceProvider services, string tenant, string operationId, string amount) =>
        services.GetRequiredService<PointsApi>().GrantAsync(
            Request($$"""{ "operationId": "{{operationId}}", "amount": {{amount}}, "reason": "manual" }""", ("tenantId", tenant), ("phone", Phone)),
            TestContext.Current.CancellationToken);

    private static Task<ApiResponse> AdjustAsync(IServiceProvider services, string tenant, string operationId, string body) =>
        services.GetRequiredService<WalletApi>().AdjustAsync(
            Request($$"""{ "operationId": "{{operationId}}", "reason": "support", {{body}} }""", ("tenantId", tenant)), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_points_grant_of_long_MaxValue_is_a_400_naming_amount_and_later_changes_still_work()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);

        var huge = await GrantAsync(services, tenant, "order-1", long.MaxValue.ToString());
        var one = await GrantAsync(services, tenant, "order-2", "1");
        var deduction = await services.GetRequiredService<PointsApi>().DeductAsync(
            Request("""{ "operationId": "checkout-1", "amount": 1 }""", ("tenantId", tenant), ("phone", Phone)), ct);

        Assert.Equal((400, 200, 200), (huge.StatusCode, one.StatusCode, deduction.StatusCode));
        Assert.Contains("100,000,000", Assert.Single(Errors(huge, "amount")));
        Assert.Equal(0, Assert.IsType<PointsBalance>(deduction.Body).Balance);
    }

    [Fact]
    public async Task A_grant_that_would_take_a_balance_over_the_maximum_is_a_400_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        for (var i = 0; i < PointsLimits.MaxBalance / PointsLimits.MaxChange; i++)
        {
            Assert.Equal(200, (await GrantAsync(services, tenant, $"order-{i}", PointsLimits.MaxChange.ToString())).StatusCode);
        }

        var over = await GrantAsync(services, tenant, "order-over", "1");

        Assert.Equal(400, over.StatusCode);
        Assert.Contains("1,000,000,000", Assert.Single(Errors(over, "amount")));
        var points = services.GetRequiredService<PointsService>();
        Assert.Equal(PointsLimits.MaxBalance, (await points.BalanceAsync(tenant, Phone, ct)).Balance);
        var history = await points.HistoryAsync(tenant, Phone, 0, 100, ct);
        Assert.Equal((10, PointsLimits.MaxBalance), (history.Count, history.Sum(e => e.Amount)));
    }

    [Fact]
    public async Task A_wallet_adjustment_past_its_maximum_is_a_400_naming_the_field()
    {
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);

        var credits = await AdjustAsync(services, tenant, "a1", $"\"credits\": {long.MaxValue}");
        var debit = await AdjustAsync(services, tenant, "a2", $"\"credits\": {long.MinValue}");
        var points = await AdjustAsync(services, tenant, "a3", $"\"points\": {WalletLimits.MaxAdjustment + 1}");

        Assert.Equal((400, 400, 400), (credits.StatusCode, debit.StatusCode, points.StatusCode));
        Assert.Contains("100,000,000", Assert.Single(Errors(credits, "credits")));
        Assert.Single(Errors(debit, "credits"));
        Assert.Contains("100,000,000", Assert.Single(Errors(points, "points")));
        Assert.Equal(0, (await services.GetRequiredService<WalletService>().GetAsync(tenant, TestContext.Current.CancellationToken)).Balance);
    }

    [Fact]
    public async Task An_adjustment_or_top_up_that_would_take_the_wallet_over_its_maximum_is_refused_before_anything_changes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);
        var wallets = services.GetRequiredService<WalletService>();
        for (var i = 0; i < WalletLimits.MaxBalance / WalletLimits.MaxAdjustment; i++)
        {
            Assert.Equal(200, (await AdjustAsync(services, tenant, $"fill-{i}", $"\"credits\": {WalletLimits.MaxAdjustment}, \"points\": {WalletLimits.MaxAdjustment}")).StatusCode);
        }

        var credits = await AdjustAsync(services, tenant, "over-credits", "\"credits\": 1");
        var points = await AdjustAsync(services, tenant, "over-points", "\"points\": 1");
        var topUp = await Assert.ThrowsAsync<CrmValidationException>(() => wallets.TopUpAsync(tenant, 500, "card-ok", 0, "topup-over", ct));

        Assert.Equal((400, 400), (credits.StatusCode, points.StatusCode));
        Assert.Contains("1,000,000,000", Assert.Single(Errors(credits, "credits")));
        Assert.Contains("1,000,000,000", Assert.Single(Errors(points, "points")));
        Assert.True(topUp.Errors.ContainsKey("packageCredits"));
        var wallet = await wallets.GetAsync(tenant, ct);
        Assert.Equal((WalletLimits.MaxBalance, WalletLimits.MaxBalance), (wallet.Balance, wallet.RewardPoints));
        var ledger = await wallets.ListLedgerAsync(tenant, 0, 100, ct);
        Assert.Equal(wallet.Balance, ledger.Sum(e => e.Amount));
        Assert.DoesNotContain(ledger, e => e.Kind == LedgerKind.TopUp);
    }

    [Fact]
    public async Task An_auto_top_up_threshold_or_a_price_past_its_maximum_is_a_400_naming_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        using var services = CrmServices.Create(azurite);
        var tenant = await services.NewTenantAsync(0);

        var threshold = await services.GetRequiredService<WalletApi>().SetAutoTopUpAsync(
            Request($$"""{ "enabled": true, "threshold": {{long.MaxValue}}, "packageCredits": 500, "cardToken": "card-ok" }""", ("tenantId", tenant)), ct);
        var price = await Assert.ThrowsAsync<CrmValidationException>(() =>
            services.GetRequiredService<TenantService>().SaveAsync(tenant, new TenantSettings("테스트 상점", Prices: new Dictionary<string, int> { ["sms"] = int.MaxValue }), ct));

        Assert.Equal(400, threshold.StatusCode);
        Assert.Contains("100,000,000", Assert.Single(Errors(threshold, "threshold")));
        Assert.Contains("1,000", Assert.Single(price.Errors["prices.sms"]));
    }
}
