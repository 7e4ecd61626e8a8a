using System.Text;
using Crm.Core.Api;
using Crm.Core.Campaigns;

namespace Crm.Tests.Core;

public sealed class ApiBodyTests
{
    private static Task<ApiResponse> Submit(string json) =>
        ApiErrors.HandleAsync(async () =>
        {
            await ApiBody.ReadAsync<CampaignSubmission>(new MemoryStream(Encoding.UTF8.GetBytes(json)), TestContext.Current.CancellationToken);
            return new ApiResponse(200, null);
        });

    [Fact]
    public async Task An_unknown_property_is_a_400_naming_it_rather_than_silently_ignored()
    {
        var response = await Submit("""{ "channel": "sms", "sendAtt": "2026-12-01T09:00:00+09:00" }""");

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("sendAtt", Assert.IsType<ProblemDetails>(response.Body).Errors!.Keys);
    }

    [Fact]
    public async Task A_wrongly_typed_value_names_its_path()
    {
        var response = await Submit("""{ "channel": "sms", "recipients": [ { "phone": 1 } ] }""");

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("recipients[0].phone", Assert.IsType<ProblemDetails>(response.Body).Errors!.Keys);
    }
}
