using System.Net;
using System.Net.Http.Json;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

[Collection(CrmLocalCollection.Name)]
public sealed class OptOutApiTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_080_line_webhook_finds_the_tenant_by_its_number_and_the_api_records_opt_outs()
    {
        var tenant = await _api.NewTenantAsync(0);
        var line = $"080{Random.Shared.Next(1_000_000, 9_999_999)}";
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PutAsJsonAsync($"tenants/{tenant}", new { name = "수신거부 상점", optOutNumber = line }, Ct)).StatusCode);

        var call = await _api.Http.PostAsJsonAsync($"opt-out-lines/{line}/calls", new { phone = "010-1234-0001" }, Ct);
        var api = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/opt-outs", new { phone = "+82 10-1234-0002" }, Ct);
        var unknownLine = await _api.Http.PostAsJsonAsync("opt-out-lines/0800000000/calls", new { phone = "010-1234-0003" }, Ct);
        var badPhone = await _api.Http.PostAsJsonAsync($"tenants/{tenant}/opt-outs", new { phone = "02-123-4567" }, Ct);

        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Contains("\"source\":\"080\"", await call.Content.ReadAsStringAsync(Ct));
        Assert.Contains("01012340002", await api.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknownLine.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
    }

    [Fact]
    public async Task An_opt_out_number_that_is_not_080_is_refused()
    {
        var tenant = await _api.NewTenantAsync(0);
        var response = await _api.Http.PutAsJsonAsync($"tenants/{tenant}", new { name = "상점", optOutNumber = "02-123-4567" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("optOutNumber", await response.Content.ReadAsStringAsync(Ct));
    }
}
