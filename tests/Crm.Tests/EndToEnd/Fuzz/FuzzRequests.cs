using System.Text;
using System.Text.Json.Nodes;
using Crm.Core.Functions;
using CsCheck;

namespace Crm.Tests.EndToEnd.Fuzz;

/// <summary>
/// Generates requests for every HTTP function of the catalog: a valid-looking request with one or
/// more things broken (a path id, a field's value or type, a missing or unknown field, the body as a
/// whole, the content type, the method, the paging query, the Idempotency-Key). Each dimension is a
/// CsCheck generator whose smallest value is the most ordinary choice, so a failing case shrinks
/// towards a plain request.
/// </summary>
public static class FuzzRequests
{
    public static IReadOnlyList<FunctionDefinition> Functions { get; } = FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Http).ToList();

    /// <summary>Values a field may be given: wrong types, edges of every range, and things that once broke a parser or a key.</summary>
    private static readonly string[] BadValues =
    [
        "null", "true", "0", "-1", "1.5", "1e308", "-1e308", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
        "18446744073709551616", "2147483648", "\"\"", "\" \"", "\"a\"", Quote(new string('x', 40_000)), "\"\\u0000\"", "\"\\u202e\"", "\"한글\"",
        "\"2026-02-30\"", "\"0001-01-01\"", "\"9999-12-31T23:59:59Z\"", "\"-0001-01-01\"", "\"now-99999999999d\"", "\"((((\"",
        Quote(new string('(', 30_000)), Quote(string.Concat(Enumerable.Repeat("not ", 20_000)) + "grade = 'A'"),
        Quote(string.Join(" or ", Enumerable.Repeat("grade = 'VIP'", 3_000))), "\"grade = \"", "\"lastOrderAt >= 0001-01-01\"",
        "\"totalSpent > 99999999999999999999999\"", "\"/\"", "\"a/b\"", "\"a\\\\b\"", "\"#?\"", "\"010-0000-0000\"", "\"+82 10-1234-5678\"",
        "\"smss\"", "\"SMS\"", "\"alimtalk\"", "[]", "[null]", "{}", "{\"a\":1}", Nested(100), Nested(1_000), "\"\\ud800\"",
    ];

    private static readonly string[] BadIds =
    [
        "", "%20", "..", "%2e%2e", "a%2Fb", "%5C", "%23", "%3F", "%00", "%0A", "%FF", new string('x', 1_100), "%ED%95%9C%EA%B8%80",
        "%F0%9F%98%80", "-1", "null", "CON", "a%20b", "%25",
    ];

    private static readonly string[] BadBodies =
    [
        "", "null", "{", "}", "[", "{\"a\":", "\"unterminated", "{} {}", "{\"a\":1,}", "{'a':1}", "\u0000", "[1,2,3]", "\"text\"", "42",
        new string('[', 100_000), "{\"a\":" + Nested(10_000) + "}", "{\"name\":\"a\",\"name\":\"b\"}", "\uFEFF{}",
    ];

    private static readonly string?[] ContentTypes =
        ["application/json", null, "text/plain", "application/x-ndjson", "application/json; charset=euc-kr", "multipart/form-data; boundary=x", "application/xml"];

    private static readonly string[] PageSizes = ["-1", "0", "1", "1000", "1001", "99999999999", "abc", "", "1e3"];

    private static readonly string[] Tokens = ["", "garbage", "%FF", new string('x', 5_000), "eyJhIjoxfQ", "0", "-1", "99999999999999999999"];

    private static readonly string[] Keys = ["", " ", "a/b", new string('k', 200), "%09", "%ED%95%9C", "a#b", "a?b"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    /// <summary>A request: which function, then one choice per dimension (0 is always the ordinary one).</summary>
    public static Gen<FuzzRequest> For(FuzzTarget target) =>
        Gen.Select(Gen.Int[0, Functions.Count - 1], Gen.Int[0, 9], Gen.Int[0, 99], Gen.Int[0, 999], Gen.Int[0, 999], Gen.Int[0, 999], Gen.Int[0, 999])
            .Select(t => Build(target, Functions[t.Item1], t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7));

    private static FuzzRequest Build(FuzzTarget target, FunctionDefinition function, int methodChoice, int bodyKind, int a, int b, int c, int d)
    {
        var method = methodChoice == 9 ? Methods[a % Methods.Length] : function.Method!.ToUpperInvariant();
        var path = Path(target, function, a, b) + Query(function, c, d);
        var (contentType, body) = function.Method is "post" or "put" ? Body(function, bodyKind, a, b, c) : (null, null);
        var key = function.Name is FunctionCatalog.SubmitCampaign or FunctionCatalog.TopUpWallet || d % 10 == 0
            ? (d % 4 == 3 ? Keys[c % Keys.Length] : $"fz-{a}-{b}-{c}")
            : null;
        return new FuzzRequest(function.Name, method, path, contentType, body, key);
    }

    // Each {param} is the real one, unless this request breaks that one.
    private static string Path(FuzzTarget target, FunctionDefinition function, int a, int b)
    {
        var parameters = System.Text.RegularExpressions.Regex.Matches(function.Route!, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();
        var broken = a % 3 == 0 ? parameters.ElementAtOrDefault(b % Math.Max(1, parameters.Count)) : null;
        var path = function.Route!;
        foreach (var name in parameters)
        {
            var value = name == broken ? BadIds[b % BadIds.Length] : name switch
            {
                "tenantId" => function.Name is FunctionCatalog.SaveTenant or FunctionCatalog.RegisterSenderNumber ? target.SpareTenant : target.Tenant,
                "phone" => target.Phone,
                "groupId" => target.GroupId,
                "campaignId" => $"c{b:D6}",
                "lineNumber" => target.OptOutLine,
                "courseId" => "fz-course",
                "cohortId" => "fz-cohort",
                "eventId" => b % 2 == 0 ? "fz-event" : $"e{b}",
                _ => "fuzz-secret",
            };
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static string Query(FunctionDefinition function, int c, int d) =>
        function.Method != "get" || c % 2 == 0 ? "" : (c / 2 % 4) switch
        {
            0 => $"?pageSize={PageSizes[d % PageSizes.Length]}",
            1 => $"?after={Tokens[d % Tokens.Length]}",
            2 => $"?continuationToken={Tokens[d % Tokens.Length]}",
            _ => $"?status={(d % 3 == 0 ? "failed" : "bogus")}&pageSize={PageSizes[d % PageSizes.Length]}",
        };

    private static (string? ContentType, byte[]? Body) Body(FunctionDefinition function, int kind, int a, int b, int c)
    {
        var contentType = kind % 10 == 9 ? ContentTypes[c % ContentTypes.Length] : "application/json";
        var template = Template(function.Name);
        string text;
        if (kind < 10)
        {
            text = template.ToJsonString();
        }
        else if (kind < 55)
        {
            text = Replace(template, a, BadValues[b % BadValues.Length]);
        }
        else if (kind < 65)
        {
            text = Remove(template, a);
        }
        else if (kind < 70)
        {
            text = Add(template, b);
        }
        else if (kind < 75)
        {
            return (contentType, null);
        }
        else if (kind < 78)
        {
            return (contentType, [0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE]); // not UTF-8
        }
        else if (kind < 80)
        {
            return (contentType, Encoding.UTF8.GetBytes(Quote(new string('x', 3 * 1024 * 1024)))); // larger than any route takes
        }
        else
        {
            text = BadBodies[b % BadBodies.Length];
        }

        return (contentType, Encoding.UTF8.GetBytes(text));
    }

    private static string Replace(JsonNode template, int which, string value)
    {
        var (holder, name) = Field(template, which);
        if (holder is null)
        {
            return value;
        }

        holder[name] = Marker;
        return Splice(template, value);
    }

    private static string Remove(JsonNode template, int which)
    {
        var (holder, name) = Field(template, which);
        holder?.Remove(name);
        return template.ToJsonString();
    }

    private static string Add(JsonNode template, int which)
    {
        var target = template is JsonArray array ? array[0]!.AsObject() : template.AsObject();
        target["unknownField" + (which % 3)] = Marker;
        return Splice(template, BadValues[which % BadValues.Length]);
    }

    // A field of the body (or of its first row, for the bulk upsert), chosen by index.
    private static (JsonObject? Holder, string Name) Field(JsonNode template, int which)
    {
        var holder = template is JsonArray array ? array[0]!.AsObject() : template.AsObject();
        if (holder.Count == 0)
        {
            return (null, "");
        }

        var name = holder.Select(p => p.Key).ElementAt(which % holder.Count);
        return holder[name] is JsonArray { Count: > 0 } inner && inner[0] is JsonObject row && which % 2 == 1
            ? (row, row.Select(p => p.Key).ElementAt(which / 2 % row.Count))
            : (holder, name);
    }

    /// <summary>A request each function would take, before anything is broken (money routes carry one thing that is always refused).</summary>
    private static JsonNode Template(string function) => JsonNode.Parse(function switch
    {
        FunctionCatalog.SaveTenant => """{"name":"퍼즈 상점","timeZone":"Asia/Seoul","fallbackChannels":["alimTalk"],"allowLmsConversion":true,"kakaoChannelId":"@fuzz","prices":{"sms":8}}""",
        FunctionCatalog.RegisterSenderNumber => """{"number":"02-555-0199"}""",
        FunctionCatalog.UpsertCustomers => """[{"phone":"010-9000-0001","name":"김퍼즈","grade":"VIP","marketingConsent":true,"lastOrderAt":"2026-11-01T00:00:00+09:00","totalSpent":12000,"custom":{"city":"서울"}}]""",
        FunctionCatalog.PutCustomer => """{"name":"김퍼즈","grade":"VIP","marketingConsent":true,"totalSpent":1000,"lastOrderAt":"2026-11-01T00:00:00+09:00"}""",
        FunctionCatalog.SaveGroup => """{"name":"VIP","condition":"grade = 'VIP' and lastOrderAt >= now-90d"}""",
        FunctionCatalog.PreviewGroup => """{"condition":"grade = 'VIP' or rewardPoints >= 1000"}""",
        FunctionCatalog.ExtractGroups => "{}",
        FunctionCatalog.RecordOptOut or FunctionCatalog.OptOutLineCall => """{"phone":"010-9000-0001"}""",
        FunctionCatalog.GrantPoints => """{"operationId":"fz-grant","amount":1500,"reason":"purchase"}""",
        FunctionCatalog.DeductPoints => """{"operationId":"fz-deduct","amount":100,"reference":"order-1"}""",
        FunctionCatalog.SavePointsPolicy => """{"validityDays":365,"firstExpiryDate":"2027-01-31","cycle":"monthly","noticeThreshold":1000}""",
        FunctionCatalog.SubmitCampaign => """{"channel":"sms","kind":"informational","senderNumber":"02-555-0100","content":"#{name}님 안녕하세요","recipients":[{"phone":"010-9000-0001","variables":{"name":"김"}}],"sendAt":"2026-12-24T10:00:00+09:00"}""",
        FunctionCatalog.TopUpWallet => """{"packageCredits":499,"cardToken":"tok_fuzz","points":0}""",
        FunctionCatalog.SetAutoTopUp => """{"enabled":false,"threshold":1000,"packageCredits":5000,"cardToken":"tok_fuzz"}""",
        FunctionCatalog.AdjustWallet => """{"credits":0,"points":0,"reason":"fuzz","operationId":"fz-adjust"}""",
        FunctionCatalog.ReceiveDeliveryReports => """[{"messageId":"M4V2026","groupId":"G4V2026","statusCode":"3104","type":"ATA","to":"01090000001"}]""",
        FunctionCatalog.SaveFunnel => """{"stages":[{"id":"app-writing","name":"지원서 작성 중","context":"writingApplication"},{"id":"joined","name":"합류","context":"joined"}]}""",
        FunctionCatalog.SaveCourse => """{"name":"UXUI 디자인"}""",
        FunctionCatalog.SaveCohort => """{"courseId":"fz-course","name":"UXUI 3기","referenceDates":{"recruitmentEnd":"2025-11-14","courseStart":"2025-12-01"}}""",
        FunctionCatalog.UpsertCohortPeople => """[{"phone":"010-9000-0002","name":"지원자","stage":"app-writing","hasCard":true,"age":27,"waitlistRank":3,"lectureProgress":40,"preCampAttendance":{"2025-11-17":true}}]""",
        FunctionCatalog.ChangePersonStage => """{"stage":"joined"}""",
        FunctionCatalog.CreateCohortEvent or FunctionCatalog.PreviewCohortEvent or FunctionCatalog.UpdateCohortEvent =>
            """{"name":"지원서 작성 독려 D-1","referenceDate":"recruitmentEnd","offsetDays":-1,"timeOfDay":"10:00","target":{"contexts":["writingApplication"]},"condition":"age >= 20","repeat":{"everyDays":2,"runs":3},"enabled":true,"message":{"channel":"sms","kind":"informational","senderNumber":"02-555-0100","content":"#{name}님"}}""",
        FunctionCatalog.CloneCohortEvent => """{"name":"복제"}""",
        FunctionCatalog.SwitchOffCohortEvents => """{"confirmationToken":"fz-token"}""",
        _ => "{}",
    })!;

    // Values go in as text: some are deeper or stranger than a JsonNode would hold.
    private const string Marker = "@@fuzz@@";

    private static string Splice(JsonNode template, string value) =>
        template.ToJsonString().Replace($"\"{Marker}\"", value, StringComparison.Ordinal);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
