using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>Customers over HTTP: bulk JSON and NDJSON, single upsert, read, erase, and row-numbered errors.</summary>
[Collection(CrmLocalCollection.Name)]
public sealed class CustomerApiTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_json_array_of_1000_and_an_ndjson_stream_are_upserted_and_readable()
    {
        var tenant = await _api.NewTenantAsync(0);
        var rows = Enumerable.Range(0, 1000).Select(i => new
        {
            phone = $"010-7{i:D3}-{i:D4}",
            name = $"고객{i}",
            grade = i % 10 == 0 ? "VIP" : "BASIC",
            marketingConsent = true,
            lastOrderAt = "2026-11-01T10:00:00+09:00",
            totalSpent = i * 1000,
            custom = new Dictionary<string, object> { ["level"] = i % 5, ["hasCard"] = i % 2 == 0, ["joined"] = "2025-03-01" },
        });
        var array = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/customers", rows, Ct);
        Assert.Equal(HttpStatusCode.OK, array.StatusCode);
        Assert.Contains("\"upserted\":1000", await array.Content.ReadAsStringAsync(Ct));

        var ndjson = string.Join("\n", Enumerable.Range(0, 300).Select(i => $$"""{"phone":"010-8000-{{i:D4}}","grade":"GOLD"}"""));
        var stream = await _api.Http.PostAsync($"tenants/{tenant}/customers", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"), Ct);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);

        var customer = await _api.Http.GetFromJsonAsync<JsonElement>($"tenants/{tenant}/customers/010-7010-0010", Ct);
        Assert.Equal(("VIP", 0, true), (customer.GetProperty("grade").GetString(), customer.GetProperty("custom").GetProperty("level").GetInt32(), customer.GetProperty("custom").GetProperty("hasCard").GetBoolean()));
        Assert.StartsWith("2025-03-01T00:00:00+09:00", customer.GetProperty("custom").GetProperty("joined").GetString());
        Assert.Equal("GOLD", (await _api.Http.GetFromJsonAsync<JsonElement>($"tenants/{tenant}/customers/01080000299", Ct)).GetProperty("grade").GetString());
    }

    [Fact]
    public async Task Invalid_rows_are_named_by_number_and_nothing_is_written()
    {
        var tenant = await _api.NewTenantAsync(0);
        var rows = new object[] { new { phone = "010-1111-2222" }, new { phone = "02-123-4567" }, new { phone = "010-3333-4444", custom = new { nested = new { a = 1 } } } };

        var response = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/customers", rows, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("02-123-4567", errors.GetProperty("row 2")[0].GetString());
        Assert.Contains("custom.nested", errors.GetProperty("row 3")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync($"tenants/{tenant}/customers/01011112222", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bad_ndjson_line_is_named_and_reward_points_cannot_be_written()
    {
        var tenant = await _api.NewTenantAsync(0);

        var badLine = await _api.Http.PostAsync($"tenants/{tenant}/customers", new StringContent("{\"phone\":\"01011112222\"}\n{\"phone\":", Encoding.UTF8, "application/x-ndjson"), Ct);
        var points = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/customers", new[] { new { phone = "01011112222", rewardPoints = 5000 } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badLine.StatusCode);
        Assert.Contains("line 2", await badLine.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, points.StatusCode);
        Assert.Contains("rewardPoints", await points.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_customer_is_put_read_and_erased()
    {
        var tenant = await _api.NewTenantAsync(0);

        var put = await _api.Http.PutAsJsonAsync($"tenants/{tenant}/customers/010-5555-6666", new { name = "이영희", nightAdConsent = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("nightAdConsent").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"tenants/{tenant}/customers/01055556666", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync($"tenants/{tenant}/customers/01055556666", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.DeleteAsync($"tenants/{tenant}/customers/01055556666", Ct)).StatusCode);
    }
}
