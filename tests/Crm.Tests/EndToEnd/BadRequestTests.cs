using System.Net;
using System.Text;
using System.Text.Json;
using Crm.Core.Api;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>Bodies a client gets wrong, over HTTP to Crm.Local: each a 4xx problem naming the field or the limit, never a .NET type.</summary>
[Collection(CrmLocalCollection.Name)]
public sealed class BadRequestTests(CrmLocalFixture local)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Problem, string Text)> PostAsync(string path, HttpContent content, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await local.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotMatch(@"System\.|Crm\.|`1|Nullable", text);
        Assert.Single(response.Headers.GetValues(ApiPipeline.TraceIdHeader));
        return (response.StatusCode, JsonDocument.Parse(text).RootElement, text);
    }

    [Theory]
    [InlineData("""{ "channel": "fax", "kind": "informational" }""", "channel", "Expected one of sms, lms, mms, alimTalk, friendTalk, appPush, whatsApp.")]
    [InlineData("""{ "channel": "sms", "recipients": [ { "phone": true } ] }""", "recipients[0].phone", "Expected text in double quotes.")]
    [InlineData("""{ "channel": "sms", "recipients": [ { "phone": "010""", "recipients[0].phone", "The JSON ends before it is complete: a quote, bracket or brace is not closed.")]
    [InlineData("""{ "recurrence": { "runs": 1e40 } }""", "recurrence.runs", "Expected a whole number from -2,147,483,648 to 2,147,483,647.")]
    [InlineData("""{ "channel": "sms" }}""", "body", "Unexpected text after the end of the JSON value, at line 1, byte 21.")]
    public async Task A_campaign_body_with_bad_json_is_a_400_naming_the_field_and_what_it_takes(string json, string field, string message)
    {
        var (status, problem, _) = await PostAsync("tenants/demo/campaigns", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task A_campaign_body_over_32_mib_sent_in_chunks_is_a_413_naming_the_limit()
    {
        var content = new StreamContent(new MemoryStream(new byte[BodyLimits.Campaign + 1]));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "tenants/demo/campaigns") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await local.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("33,554,432 bytes", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_top_up_whose_length_says_it_is_over_64_kib_is_a_413_before_it_is_read()
    {
        // With its Idempotency-Key, so the body is what gets refused (without one, that is the 400).
        var content = new ByteArrayContent(new byte[BodyLimits.Object + 1]);
        var (status, problem, _) = await PostAsync("tenants/demo/wallet/top-ups", content, idempotencyKey: "too-large-1");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("The body is larger than the 65,536 bytes this route reads.", problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }

    [Fact]
    public async Task A_customer_upsert_over_30_mb_is_read_because_its_limit_is_64_mib()
    {
        // Kestrel's own cap (30,000,000 bytes) would refuse this; the route's limit decides instead.
        var row = $$$"""{"phone":"010-1234-5678","name":"김철수","custom":{"note":"{{{new string('x', 3_000)}}}"}},""";
        var rows = 31_000_000 / row.Length;
        var body = new StringBuilder("[", (rows * row.Length) + 2);
        for (var i = 0; i < rows; i++)
        {
            body.Append(row);
        }

        body[^1] = ']';
        var tenant = await new CrmApi(local).NewTenantAsync(0);
        var response = await local.Http.PostAsync($"tenants/{tenant}/customers", new StringContent(body.ToString(), Encoding.UTF8, "application/json"), Ct);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains($"\"received\":{rows}", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
