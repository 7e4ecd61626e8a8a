using System.Net;
using System.Net.Http.Json;
using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>W5: reward points pay for top-ups in units of 1,000; the credits they buy are not refundable.</summary>
[Collection(CrmLocalCollection.Name)]
public sealed class PointsTopUpTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    private async Task<string> TenantWithPointsAsync(long points)
    {
        var tenant = await _api.NewTenantAsync(0);
        var grant = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/wallet/adjustments", new { points, reason = "welcome points", operationId = "points" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        return tenant;
    }

    private async Task<HttpResponseMessage> TopUpAsync(string tenant, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"tenants/{tenant}/wallet/top-ups") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Points_can_pay_a_whole_package_without_a_card_and_those_credits_are_non_refundable()
    {
        var tenant = await TenantWithPointsAsync(20_000);

        var response = await TopUpAsync(tenant, "p1", new { packageCredits = 500, points = 11_000 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wallet = await _api.WalletAsync(tenant);
        Assert.Equal((500L, 500L, 9_000L), (wallet.Balance, wallet.NonRefundable, wallet.RewardPoints));
        await _api.AssertLedgerSumsAsync(tenant);
    }

    [Fact]
    public async Task Points_and_card_together_make_only_the_point_part_non_refundable()
    {
        var tenant = await TenantWithPointsAsync(5_000);

        Assert.Equal(HttpStatusCode.OK, (await TopUpAsync(tenant, "p2", new { packageCredits = 2500, points = 5_000, cardToken = "card-ok" })).StatusCode);

        var wallet = await _api.WalletAsync(tenant);
        Assert.Equal((2500L, 5_000L / CreditPackage.WonPerCredit, 0L), (wallet.Balance, wallet.NonRefundable, wallet.RewardPoints));
    }

    [Fact]
    public async Task A_declined_card_gives_the_points_back()
    {
        var tenant = await TenantWithPointsAsync(5_000);

        Assert.Equal(HttpStatusCode.PaymentRequired, (await TopUpAsync(tenant, "p3", new { packageCredits = 2500, points = 5_000, cardToken = "decline-me" })).StatusCode);

        var wallet = await _api.WalletAsync(tenant);
        Assert.Equal((0L, 5_000L), (wallet.Balance, wallet.RewardPoints));
        await _api.AssertLedgerSumsAsync(tenant);
    }

    [Theory]
    [InlineData(1_500, "points")]
    [InlineData(12_000, "points")]
    [InlineData(5_000, "cardToken")]
    public async Task Bad_point_payments_are_400_problems(long points, string field)
    {
        var tenant = await TenantWithPointsAsync(20_000);

        var response = await TopUpAsync(tenant, "bad", new { packageCredits = 500, points });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Spending_more_points_than_the_tenant_has_is_a_402_and_changes_nothing()
    {
        var tenant = await TenantWithPointsAsync(2_000);

        var response = await TopUpAsync(tenant, "p4", new { packageCredits = 500, points = 11_000 });

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Contains("INSUFFICIENT_POINTS", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2_000, (await _api.WalletAsync(tenant)).RewardPoints);
    }
}
