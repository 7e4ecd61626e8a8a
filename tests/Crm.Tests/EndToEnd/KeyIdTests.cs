using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.Core.Functions;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>
/// Every id that becomes a storage key is checked where it comes in: a bad one in any id position of
/// any catalog route, path or body, is a 400 problem naming it, never a 500 from the storage.
/// </summary>
[Collection(CrmLocalCollection.Name)]
public sealed partial class KeyIdTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    // As they reach the route value: %23 → #, %3F → ?, %5C → \, %01 and %7F and %C2%85 → control
    // characters; %2F stays "%2F" in ASP.NET Core; and an id longer than a key may be.
    private static readonly string[] BadInPath = ["a%23b", "a%3Fb", "a%5Cb", "a%01b", "a%7Fb", "a%C2%85b", "a%2Fb", new string('7', 1100)];

    private static readonly string[] BadInBody = ["a/b", "a#b", "a?b", "a\\b", "a\u0001b", "a\u007Fb", "a\u0085b", new string('a', 1100), ""];

    private static readonly string[] BadInHeader = ["a/b", "a#b", "a?b", "a\\b", "a b", new string('a', 1100)];

    // Declared before Bodies, which uses it.
    private static readonly object CohortEvent = new
    {
        name = "D-1",
        referenceDate = "recruitmentEnd",
        offsetDays = -1,
        timeOfDay = "10:00",
        target = new { contexts = new[] { "writingApplication" } },
        message = new { channel = "sms", kind = "informational", senderNumber = CrmApi.Sender, content = "안내" },
    };

    // A valid body for each route that takes one, so the answer is about the id and nothing else.
    private static readonly Dictionary<string, object> Bodies = new()
    {
        [FunctionCatalog.SaveTenant] = new { name = "상점" },
        [FunctionCatalog.RegisterSenderNumber] = new { number = CrmApi.Sender },
        [FunctionCatalog.UpsertCustomers] = new[] { new { phone = "010-1234-5678" } },
        [FunctionCatalog.PutCustomer] = new { name = "김철수" },
        [FunctionCatalog.SaveGroup] = new { name = "VIP", condition = "grade = 'VIP'" },
        [FunctionCatalog.PreviewGroup] = new { condition = "grade = 'VIP'" },
        [FunctionCatalog.RecordOptOut] = new { phone = "010-1234-5678" },
        [FunctionCatalog.OptOutLineCall] = new { phone = "010-1234-5678" },
        [FunctionCatalog.GrantPoints] = new { operationId = "grant-1", amount = 10 },
        [FunctionCatalog.DeductPoints] = new { operationId = "deduct-1", amount = 1 },
        [FunctionCatalog.SavePointsPolicy] = new { validityDays = 365, firstExpiryDate = "2027-01-31", cycle = "monthly", noticeThreshold = 1000 },
        [FunctionCatalog.SubmitCampaign] = Sms(),
        [FunctionCatalog.TopUpWallet] = new { packageCredits = 500, cardToken = "card-ok" },
        [FunctionCatalog.SetAutoTopUp] = new { enabled = false },
        [FunctionCatalog.AdjustWallet] = new { credits = 1, reason = "test", operationId = "adjust-1" },
        [FunctionCatalog.ReceiveDeliveryReports] = Array.Empty<object>(),
        [FunctionCatalog.SaveFunnel] = new { stages = new[] { new { id = "app-writing", name = "작성 중", context = "writingApplication" } } },
        [FunctionCatalog.SaveCourse] = new { name = "UXUI" },
        [FunctionCatalog.SaveCohort] = new { courseId = "uxui", name = "UXUI 3기", referenceDates = new { recruitmentEnd = "2025-11-14" } },
        [FunctionCatalog.UpsertCohortPeople] = new[] { new { phone = "010-1234-5678", stage = "app-writing" } },
        [FunctionCatalog.ChangePersonStage] = new { stage = "app-writing" },
        [FunctionCatalog.CreateCohortEvent] = CohortEvent,
        [FunctionCatalog.PreviewCohortEvent] = CohortEvent,
        [FunctionCatalog.UpdateCohortEvent] = CohortEvent,
        [FunctionCatalog.CloneCohortEvent] = new { },
        [FunctionCatalog.SwitchOffCohortEvents] = new { },
    };

    private static object Sms(string? groupId = null) => groupId is null
        ? new { channel = "sms", kind = "informational", senderNumber = CrmApi.Sender, content = "안내", recipients = new[] { new { phone = "010-1234-5678" } } }
        : new { channel = "sms", kind = "informational", senderNumber = CrmApi.Sender, content = "안내", groupId };

    [Fact]
    public async Task A_bad_id_in_any_route_position_is_a_400_naming_it()
    {
        var (_, valid) = await SetUpAsync();
        var failures = new List<string>();
        var routes = FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Http).ToList();
        foreach (var function in routes)
        {
            foreach (var parameter in RouteParameter().Matches(function.Route!).Select(m => m.Groups[1].Value))
            {
                foreach (var bad in BadInPath)
                {
                    var path = RouteParameter().Replace(function.Route!, m => m.Groups[1].Value == parameter ? bad : valid[m.Groups[1].Value]);
                    var response = await SendAsync(function.Method!, path, Bodies.GetValueOrDefault(function.Name), "k-" + Guid.NewGuid().ToString("N"));

                    // The report webhook's secret is compared, never stored: a wrong one is a 401.
                    var expected = parameter == "secret" ? (HttpStatusCode.Unauthorized, (string?)null) : (HttpStatusCode.BadRequest, parameter);
                    await CheckAsync(failures, $"{function.Name} {parameter}={bad[..Math.Min(bad.Length, 12)]}", response, expected.Item1, expected.Item2);
                }
            }
        }

        Assert.True(routes.Count >= 29, "The catalog's HTTP routes were not found.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_bad_id_in_a_body_or_an_Idempotency_Key_is_a_400_naming_it()
    {
        var (tenant, _) = await SetUpAsync();
        var failures = new List<string>();
        foreach (var bad in BadInBody)
        {
            var label = bad.Length > 12 ? "long" : JsonSerializer.Serialize(bad);
            await CheckAsync(failures, $"campaign groupId {label}", await SendAsync("post", $"tenants/{tenant}/campaigns", Sms(bad)), HttpStatusCode.BadRequest, "groupId");
            await CheckAsync(failures, $"adjustment operationId {label}", await SendAsync("post", $"tenants/{tenant}/wallet/adjustments", new { credits = 1, reason = "r", operationId = bad }), HttpStatusCode.BadRequest, "operationId");
            await CheckAsync(failures, $"grant operationId {label}", await SendAsync("post", $"tenants/{tenant}/customers/01012345678/points/grants", new { operationId = bad, amount = 10 }), HttpStatusCode.BadRequest, "operationId");
            await CheckAsync(failures, $"deduction operationId {label}", await SendAsync("post", $"tenants/{tenant}/customers/01012345678/points/deductions", new { operationId = bad, amount = 1 }), HttpStatusCode.BadRequest, "operationId");
        }

        foreach (var bad in BadInHeader)
        {
            var label = bad.Length > 12 ? "long" : bad;
            await CheckAsync(failures, $"campaign Idempotency-Key {label}", await SendAsync("post", $"tenants/{tenant}/campaigns", Sms(), bad), HttpStatusCode.BadRequest, "Idempotency-Key");
            await CheckAsync(failures, $"top-up Idempotency-Key {label}", await SendAsync("post", $"tenants/{tenant}/wallet/top-ups", Bodies[FunctionCatalog.TopUpWallet], bad), HttpStatusCode.BadRequest, "Idempotency-Key");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(100, (await _api.WalletAsync(tenant)).Balance);
        Assert.Empty((await local.GetAsync<CampaignList>($"tenants/{tenant}/campaigns"))!.Items);
    }

    [Theory]
    [InlineData("0f8e03978e40d543e8bc936894a57f93")]
    [InlineData("order-7781")]
    [InlineData("ORDER_2026.07~retry")]
    public async Task Ids_of_the_documented_shape_are_taken(string key)
    {
        var (tenant, _) = await SetUpAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("post", $"tenants/{tenant}/campaigns", Sms(), key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("post", $"tenants/{tenant}/wallet/adjustments", new { credits = 1, reason = "r", operationId = key })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("post", $"tenants/{tenant}/customers/01012345678/points/grants", new { operationId = key, amount = 10 })).StatusCode);
    }

    private async Task<(string Tenant, Dictionary<string, string> Valid)> SetUpAsync()
    {
        var tenant = await _api.NewTenantAsync(100);
        var group = await SendAsync("put", $"tenants/{tenant}/groups/vip", Bodies[FunctionCatalog.SaveGroup]);
        Assert.Equal(HttpStatusCode.OK, group.StatusCode);
        return (tenant, new Dictionary<string, string>
        {
            ["tenantId"] = tenant,
            ["phone"] = "01012345678",
            ["groupId"] = "vip",
            ["campaignId"] = Ids.Campaign(),
            ["lineNumber"] = "0801234567",
            ["secret"] = "wrong-secret",
            ["courseId"] = "uxui",
            ["cohortId"] = "uxui-3",
            ["eventId"] = "event-1",
        });
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, object? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task CheckAsync(List<string> failures, string what, HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var named = field is null
            || (response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors)
                && errors.TryGetProperty(field, out _));
        if (response.StatusCode != status || !named)
        {
            failures.Add($"{what}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
        }
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteParameter();

    private sealed record CampaignList(List<Crm.Core.Campaigns.CampaignView> Items, string? ContinuationToken);
}
