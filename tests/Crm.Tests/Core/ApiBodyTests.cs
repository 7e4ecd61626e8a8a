using System.Text;
using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Common;

namespace Crm.Tests.Core;

public sealed class ApiBodyTests
{
    private static Task<ApiResponse> Submit(string json) =>
        ApiErrors.HandleAsync(async () =>
        {
            await ApiBody.ReadAsync<CampaignSubmission>(new MemoryStream(Encoding.UTF8.GetBytes(json)), TestContext.Current.CancellationToken);
            return new ApiResponse(200, null);
        });

    /// <summary>The 400's errors, after checking the whole answer names no .NET type.</summary>
    private static async Task<IReadOnlyDictionary<string, string[]>> ErrorsAsync(string json)
    {
        var response = await Submit(json);
        Assert.Equal(400, response.StatusCode);
        var text = JsonSerializer.Serialize(response.Body, CrmJson.Options);
        Assert.DoesNotMatch(@"System\.|Crm\.|`1|Nullable|Int32|Int64|String\b|DateTimeOffset|IReadOnlyList", text);
        return Assert.IsType<ProblemDetails>(response.Body).Errors!;
    }

    [Fact]
    public async Task An_unknown_property_is_a_400_naming_it_rather_than_silently_ignored()
    {
        var errors = await ErrorsAsync("""{ "channel": "sms", "sendAtt": "2026-12-01T09:00:00+09:00" }""");

        Assert.Contains("sendAt", Assert.Single(errors["sendAtt"]));
    }

    [Fact]
    public async Task A_wrongly_typed_value_names_its_path_and_what_it_takes()
    {
        var errors = await ErrorsAsync("""{ "channel": "sms", "recipients": [ { "phone": 1 } ] }""");

        Assert.Equal("Expected text in double quotes.", Assert.Single(errors["recipients[0].phone"]));
    }

    [Theory]
    [InlineData("""{ "channel": "fax" }""")]
    [InlineData("""{ "channel": 3 }""")]
    public async Task A_wrong_enum_value_lists_the_allowed_values_not_the_dotnet_type(string json)
    {
        var errors = await ErrorsAsync(json);

        Assert.Equal("Expected one of sms, lms, mms, alimTalk, friendTalk, appPush, whatsApp.", Assert.Single(errors["channel"]));
    }

    [Fact]
    public async Task A_number_too_large_for_its_field_gives_the_range()
    {
        var errors = await ErrorsAsync("""{ "recurrence": { "every": "day", "interval": 99999999999 } }""");

        Assert.Equal("Expected a whole number from -2,147,483,648 to 2,147,483,647.", Assert.Single(errors["recurrence.interval"]));
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_says_what_a_date_looks_like()
    {
        var errors = await ErrorsAsync("""{ "sendAt": "tomorrow" }""");

        Assert.Contains("2026-01-31T09:00:00+09:00", Assert.Single(errors["sendAt"]));
    }

    [Fact]
    public async Task Truncated_json_says_it_ends_early_at_the_field_being_read()
    {
        var errors = await ErrorsAsync("""{ "channel": "sms", "recipients": [ { "phone": "010-1234-""");

        Assert.Equal("The JSON ends before it is complete: a quote, bracket or brace is not closed.", Assert.Single(errors["recipients[0].phone"]));
    }

    [Fact]
    public async Task Trailing_garbage_after_the_value_is_named_with_its_position()
    {
        var errors = await ErrorsAsync("""{ "channel": "sms" } x""");

        Assert.Equal("Unexpected text after the end of the JSON value, at line 1, byte 22.", Assert.Single(errors["body"]));
    }

    [Fact]
    public async Task A_bare_word_where_a_value_belongs_names_the_field_and_position()
    {
        var errors = await ErrorsAsync("{\n  \"kind\": \"advertising\",\n  \"channel\": sms\n}");

        Assert.Equal("Not valid JSON at line 3, byte 14: check the quotes, commas and brackets around it.", Assert.Single(errors["channel"]));
    }

    [Fact]
    public async Task A_property_sent_twice_is_refused_rather_than_the_last_one_winning()
    {
        var errors = await ErrorsAsync("""{ "channel": "sms", "channel": "lms" }""");

        Assert.Equal("This property appears twice in one object; send it once.", Assert.Single(errors["channel"]));
    }

    [Fact]
    public async Task An_array_where_the_object_belongs_says_an_object_is_expected()
    {
        var errors = await ErrorsAsync("[1, 2]");

        Assert.Equal("Expected an object.", Assert.Single(errors["body"]));
    }

    [Fact]
    public async Task Nesting_past_the_depth_limit_is_a_400_not_a_crash()
    {
        var errors = await ErrorsAsync("""{ "recipients": [ { "variables": { "a": """ + new string('[', 200) + new string(']', 200) + " } } ] }");

        Assert.StartsWith("Nested more than 64 levels deep", Assert.Single(errors.Values.SelectMany(v => v)));
    }

    [Fact]
    public void An_ndjson_line_is_named_by_its_number_and_field()
    {
        var error = Assert.Throws<CrmValidationException>(() => ApiBody.Parse<CustomerRecord>("""{ "phone": "010-1234-5678", "marketingConsent": "yes" }"""u8, "line 7"));

        Assert.Equal("marketingConsent: Expected true or false.", Assert.Single(error.Errors["line 7"]));
    }
}
