using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

[Collection(CrmLocalCollection.Name)]
public sealed class GroupApiTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_group_is_previewed_saved_extracted_and_shows_its_last_run()
    {
        var tenant = await _api.NewTenantAsync(0);
        var rows = Enumerable.Range(0, 100).Select(i => new { phone = $"010-6{i:D3}-{i:D4}", grade = i < 30 ? "VIP" : "BASIC", lastOrderAt = DateTimeOffset.UtcNow.AddDays(-i) });
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PostAsJsonAsync($"tenants/{tenant}/customers", rows, Ct)).StatusCode);
        const string condition = "grade = 'VIP' and lastOrderAt >= now-20d";

        var preview = await (await _api.Http.PostAsJsonAsync($"tenants/{tenant}/groups/preview", new { condition }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(20, preview.GetProperty("count").GetInt32());
        Assert.Equal(20, preview.GetProperty("firstMembers").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PutAsJsonAsync($"tenants/{tenant}/groups/recent-vip", new { name = "최근 VIP", condition }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PostAsync($"tenants/{tenant}/groups/extract", null, Ct)).StatusCode);

        var group = await _api.Http.GetFromJsonAsync<JsonElement>($"tenants/{tenant}/groups/recent-vip", Ct);
        Assert.Equal(20, group.GetProperty("memberCount").GetInt32());
        Assert.False(group.GetProperty("isExtracting").GetBoolean());
        Assert.True(group.TryGetProperty("lastExtractedAt", out _));
    }

    [Fact]
    public async Task A_bad_condition_is_a_400_pointing_at_the_character()
    {
        var tenant = await _api.NewTenantAsync(0);

        var response = await _api.Http.PutAsJsonAsync($"tenants/{tenant}/groups/vip", new { name = "VIP", condition = "grade = 'VIP' and totalSpent >" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("condition")[0].GetString();
        Assert.Contains("At character 31", message);
    }
}
