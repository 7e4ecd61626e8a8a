using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crm.Tests.Providers;

/// <summary>
/// A stand-in for Solapi's POST /messages/v4/send-many/detail on a real Kestrel server (127.0.0.1, a
/// free port), written from Solapi's documents, not from our adapter: it checks the HMAC-SHA256
/// Authorization header (recomputed with its own secret; unknown key, bad signature, a date more than
/// 15 minutes off and a reused signature are refused with 403 and Solapi's error codes), checks the
/// body's shape and answers like Solapi: HTTP 200 with groupInfo, messageList and failedMessageList.
/// A malformed body is a 400 ValidationError, so a test that expects success fails on it.
/// </summary>
internal sealed class SolapiStub : IAsyncDisposable
{
    public const string Path = "/messages/v4/send-many/detail";

    private static readonly string[] Types = ["SMS", "LMS", "MMS", "ATA", "CTA", "CTI"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _signatures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _accepted = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private int _requests;
    private long _messageIds;

    private SolapiStub(WebApplication app, string apiKey, string apiSecret)
    {
        _app = app;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        app.MapPost(Path, HandleAsync);
    }

    public string ApiKey { get; }

    public string ApiSecret { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Numbers Solapi refuses at registration, with the status code and message it gives.</summary>
    public Dictionary<string, (string Code, string Message)> Refusals { get; } = [];

    /// <summary>For the n-th authenticated request (1-based): an HTTP status to fail it with, or null to answer.</summary>
    public Func<int, int?> Fault { get; set; } = _ => null;

    /// <summary>How long to wait before answering (to provoke client timeouts).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Solapi echoes customFields; turning it off exercises the adapter's fallback matching.</summary>
    public bool EchoCustomFields { get; set; } = true;

    /// <summary>Requests that got past authentication, faults included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The bodies answered with 200, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Accepted => [.. _accepted];

    /// <summary>Every refusal (401/403/400) the stub gave, with its reason: tests that expect success assert it is empty.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    public static async Task<SolapiStub> StartAsync(string apiKey = "NCSTESTKEY0000001", string apiSecret = "test-secret-0123456789abcdef")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var stub = new SolapiStub(builder.Build(), apiKey, apiSecret);
        await stub._app.StartAsync();
        stub.BaseUrl = new Uri(stub._app.Urls.Single());
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (Authenticate(request.Headers.Authorization.ToString()) is { } refused)
        {
            _problems.Enqueue(refused.Reason);
            return Results.Json(new { errorCode = refused.Code, errorMessage = refused.Reason }, statusCode: refused.Status);
        }

        var number = Interlocked.Increment(ref _requests);
        if (Fault(number) is { } status)
        {
            return Results.Json(new { errorCode = "ServerError", errorMessage = $"stub fault on request {number}" }, statusCode: status);
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid($"content type '{request.ContentType}' is not application/json");
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync())?.AsObject()
                ?? throw new JsonException("empty body");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Invalid($"body is not a JSON object: {ex.Message}");
        }

        if (ShapeProblem(body) is { } problem)
        {
            return Invalid(problem);
        }

        _accepted.Enqueue(body);
        return Results.Json(Answer(body));
    }

    private (int Status, string Code, string Reason)? Authenticate(string header)
    {
        const string scheme = "HMAC-SHA256 ";
        if (!header.StartsWith(scheme, StringComparison.Ordinal))
        {
            return (401, "Unauthorized", $"no HMAC-SHA256 Authorization header: '{header}'");
        }

        var fields = header[scheme.Length..].Split(", ").Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("apiKey", out var key) || !fields.TryGetValue("date", out var date) || !fields.TryGetValue("salt", out var salt) || !fields.TryGetValue("signature", out var signature))
        {
            return (401, "Unauthorized", $"Authorization lacks apiKey, date, salt or signature: '{header}'");
        }

        if (key != ApiKey)
        {
            return (403, "InvalidAPIKey", $"unknown API key {key}");
        }

        if (Encoding.UTF8.GetByteCount(salt) is < 12 or > 64)
        {
            return (403, "SignatureDoesNotMatch", $"salt must be 12 to 64 bytes, got {salt.Length}");
        }

        if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) || !date.Contains('T', StringComparison.Ordinal))
        {
            return (403, "RequestTimeTooSkewed", $"date '{date}' is not ISO 8601");
        }

        if ((DateTimeOffset.UtcNow - at).Duration() > TimeSpan.FromMinutes(15))
        {
            return (403, "RequestTimeTooSkewed", $"date {date} is more than 15 minutes from now");
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiSecret), Encoding.UTF8.GetBytes(date + salt)));
        if (!string.Equals(signature, expected, StringComparison.OrdinalIgnoreCase))
        {
            return (403, "SignatureDoesNotMatch", "signature is not HMAC-SHA256(secret, date + salt)");
        }

        return _signatures.TryAdd(signature, true) ? null : (403, "DuplicatedSignature", "signature already used within 15 minutes");
    }

    private static string? ShapeProblem(JsonObject body)
    {
        if (body["messages"] is not JsonArray messages || messages.Count is 0 or > 10_000)
        {
            return "messages must be an array of 1 to 10,000";
        }

        foreach (var node in messages)
        {
            if (node is not JsonObject m)
            {
                return "a message is not an object";
            }

            var type = Text(m, "type");
            if (!Types.Contains(type))
            {
                return $"type {type} is not one the stub knows";
            }

            if (!IsDigits(Text(m, "to"), 10, 11) || !IsDigits(Text(m, "from"), 8, 12))
            {
                return $"to/from must be digits only: to={Text(m, "to")}, from={Text(m, "from")}";
            }

            if (string.IsNullOrEmpty(Text(m, "text")))
            {
                return "text is required";
            }

            if (type == "SMS" && m["subject"] is not null)
            {
                return "1013: a subject cannot be used with SMS";
            }

            if (type == "MMS" && string.IsNullOrEmpty(Text(m, "imageId")))
            {
                return "MMS needs imageId";
            }

            if (m["customFields"] is JsonObject custom && custom.Any(f => f.Key.Length > 30 || f.Value?.GetValueKind() != JsonValueKind.String || f.Value.GetValue<string>().Length > 100))
            {
                return "1032: customFields are strings, keys up to 30 characters, values up to 100";
            }

            var kakao = m["kakaoOptions"] as JsonObject;
            if (type is "ATA" or "CTA" or "CTI")
            {
                if (kakao is null || string.IsNullOrEmpty(Text(kakao, "pfId")))
                {
                    return $"{type} needs kakaoOptions.pfId";
                }

                if (type == "ATA" && string.IsNullOrEmpty(Text(kakao, "templateId")))
                {
                    return "ATA needs kakaoOptions.templateId";
                }

                if (type == "CTI" && string.IsNullOrEmpty(Text(kakao, "imageId")))
                {
                    return "CTI needs kakaoOptions.imageId";
                }
            }
            else if (kakao is not null)
            {
                return "1033: kakaoOptions only for Kakao types";
            }
        }

        return null;
    }

    // Registration as Solapi does it: refused numbers and (allowDuplicates false) repeated numbers go
    // to failedMessageList, the rest are registered with status 2000.
    private JsonObject Answer(JsonObject body)
    {
        var allowDuplicates = body["allowDuplicates"]?.GetValue<bool>() ?? false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new JsonArray();
        var failed = new JsonArray();
        var groupId = $"G4V{DateTime.UtcNow:yyyyMMddHHmmss}{Guid.NewGuid():N}"[..32].ToUpperInvariant();
        foreach (var m in body["messages"]!.AsArray().Select(n => n!.AsObject()))
        {
            var to = Text(m, "to")!;
            var id = $"M4V{Interlocked.Increment(ref _messageIds):D29}";
            var custom = EchoCustomFields ? m["customFields"]?.DeepClone() ?? new JsonObject() : new JsonObject();
            (string Code, string Message)? refusal = Refusals.TryGetValue(to, out var r) ? r : !allowDuplicates && !seen.Add(to) ? ("1026", "중복 수신번호") : null;
            if (refusal is { } x)
            {
                failed.Add(new JsonObject
                {
                    ["to"] = to, ["from"] = Text(m, "from"), ["type"] = Text(m, "type"), ["country"] = "82", ["messageId"] = id,
                    ["statusCode"] = x.Code, ["statusMessage"] = x.Message, ["accountId"] = "12925149", ["customFields"] = custom,
                });
            }
            else
            {
                accepted.Add(new JsonObject { ["messageId"] = id, ["statusCode"] = "2000", ["statusMessage"] = "정상 접수(이통사로 접수 예정) ", ["customFields"] = custom });
            }
        }

        var answer = new JsonObject
        {
            ["failedMessageList"] = failed,
            ["groupInfo"] = new JsonObject
            {
                ["_id"] = groupId, ["groupId"] = groupId, ["status"] = "SENDING", ["apiVersion"] = "4", ["allowDuplicates"] = allowDuplicates,
                ["count"] = new JsonObject { ["total"] = accepted.Count + failed.Count, ["registeredSuccess"] = accepted.Count, ["registeredFailed"] = failed.Count, ["sentPending"] = accepted.Count },
                ["balance"] = new JsonObject { ["requested"] = 0, ["sum"] = 0 },
                ["log"] = new JsonArray(new JsonObject { ["createAt"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture), ["message"] = "메시지 그룹이 생성되었습니다." }),
            },
        };
        if (body["showMessageList"]?.GetValue<bool>() == true)
        {
            answer["messageList"] = accepted;
        }

        return answer;
    }

    private IResult Invalid(string problem)
    {
        _problems.Enqueue(problem);
        return Results.Json(new { errorCode = "ValidationError", errorMessage = problem }, statusCode: 400);
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool IsDigits(string? value, int min, int max) => value is not null && value.Length >= min && value.Length <= max && value.All(char.IsAsciiDigit);
}
