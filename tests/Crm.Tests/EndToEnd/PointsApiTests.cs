using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

[Collection(CrmLocalCollection.Name)]
public sealed class PointsApiTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Points_are_granted_used_and_listed_and_the_policy_produces_its_terms()
    {
        var tenant = await _api.NewTenantAsync(0);
        var policy = await _api.Http.PutAsJsonAsync($"tenants/{tenant}/rewards/policy", new { validityDays = 365, firstExpiryDate = "2027-01-31", cycle = "monthly", noticeThreshold = 1000 }, Ct);
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);

        var grant = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/customers/010-4200-0001/points/grants", new { operationId = "order-77", amount = 1500, reason = "purchase" }, Ct);
        var use = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/customers/010-4200-0001/points/deductions", new { operationId = "checkout-78", amount = 400, reference = "order-78" }, Ct);
        var overdraft = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/customers/010-4200-0001/points/deductions", new { operationId = "checkout-79", amount = 5000 }, Ct);
        var history = await _api.Http.GetFromJsonAsync<JsonElement>($"tenants/{tenant}/customers/010-4200-0001/points/history", Ct);
        var terms = await _api.Http.GetFromJsonAsync<JsonElement>($"tenants/{tenant}/rewards/policy/terms", Ct);

        Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        Assert.Equal(1100, (await use.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("balance").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, overdraft.StatusCode);
        Assert.Equal(2, history.GetProperty("items").GetArrayLength());
        Assert.Contains("복구되지 않습니다", terms.GetProperty("terms").GetString());
    }

    [Fact]
    public async Task A_policy_without_its_required_fields_is_a_400_naming_them()
    {
        var tenant = await _api.NewTenantAsync(0);
        var response = await _api.Http.PutAsJsonAsync($"tenants/{tenant}/rewards/policy", new { validityDays = 0 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("validityDays", out _) && errors.TryGetProperty("firstExpiryDate", out _) && errors.TryGetProperty("cycle", out _));
    }
}
