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
/// A stand-in for Solapi's v4 message groups on a real Kestrel server (127.0.0.1, a free port),
/// written from Solapi's documents (api-reference/messages/groups), not from our adapter:
/// POST /messages/v4/groups, PUT …/{groupId}/messages, POST …/{groupId}/send, GET …/{groupId},
/// GET …/{groupId}/messages (messageList keyed by message id, paged by startKey/nextKey), and
/// DELETE …/{groupId} and …/{groupId}/messages (messageIds), both for a PENDING group only. It checks
/// the HMAC-SHA256 Authorization header (unknown key, bad signature, a date more than 15 minutes off
/// and a reused signature get 403 with Solapi's error codes) and each message's shape (400
/// ValidationError). Registration: 2000, a number's refusal code, or 1026 for a number already in
/// the group. A sent message gets its final code (4000, or the number's report code) after
/// <see cref="ReportDelay"/>, visible in the group's list and, when <see cref="CallbackUrl"/> is
/// set, POSTed there as Solapi's webhook does (a JSON array, one report per call). Every message
/// sent is recorded (and appended to <see cref="Journal"/> when set), so a test can count what the
/// provider accepted; it can fail requests, and lose answers after doing the work.
/// </summary>
internal sealed class SolapiStub : IAsyncDisposable
{
    public const string GroupsPath = "/messages/v4/groups";

    private static readonly string[] Types = ["SMS", "LMS", "MMS", "ATA", "CTA", "CTI"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _signatures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _sent = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly HttpClient _callbacks = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stopping = new();
    private int _requests;
    private long _ids;
    private long _callbacksMade;

    private SolapiStub(WebApplication app, string apiKey, string apiSecret)
    {
        _app = app;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        app.MapPost(GroupsPath, (HttpRequest r) => HandleAsync(r, CreateAsync));
        app.MapPut(GroupsPath + "/{groupId}/messages", (HttpRequest r, string groupId) => HandleAsync(r, body => AddAsync(groupId, body)));
        app.MapPost(GroupsPath + "/{groupId}/send", (HttpRequest r, string groupId) => HandleAsync(r, _ => Task.FromResult(Send(groupId))));
        app.MapGet(GroupsPath + "/{groupId}", (HttpRequest r, string groupId) => HandleAsync(r, _ => Task.FromResult(Info(groupId))));
        app.MapGet(GroupsPath + "/{groupId}/messages", (HttpRequest r, string groupId, string? startKey, int? limit) =>
            HandleAsync(r, _ => Task.FromResult(List(groupId, startKey, limit ?? 20))));
        app.MapDelete(GroupsPath + "/{groupId}", (HttpRequest r, string groupId) => HandleAsync(r, _ => Task.FromResult(Delete(groupId))));
        app.MapDelete(GroupsPath + "/{groupId}/messages", (HttpRequest r, string groupId) => HandleAsync(r, body => Task.FromResult(DeleteMessages(groupId, body!))));
    }

    public string ApiKey { get; }

    public string ApiSecret { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Numbers refused at registration, with the status code Solapi gives (e.g. 1060 blocked).</summary>
    public ConcurrentDictionary<string, string> Refusals { get; } = new(StringComparer.Ordinal);

    /// <summary>Numbers reported failed after they were sent, with their report code (e.g. 3104, 3107: Kakao's, for Kakao messages only).</summary>
    public ConcurrentDictionary<string, string> ReportCodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Numbers whose report comes this much later than <see cref="ReportDelay"/>.</summary>
    public ConcurrentDictionary<string, TimeSpan> LateReports { get; } = new(StringComparer.Ordinal);

    public TimeSpan ReportDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The CRM's report webhook; null: no callbacks (the CRM must read the groups).</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>For the n-th authenticated request (1-based): an HTTP status to fail it with, before doing anything; or null.</summary>
    public Func<int, int?> Fault { get; set; } = _ => null;

    /// <summary>For the n-th authenticated request and its method: true to do the work and then drop the connection, as a lost answer.</summary>
    public Func<int, string, bool> LoseAnswer { get; set; } = (_, _) => false;

    /// <summary>When set, every message sent is also appended to this file (JSON lines), for soaks that outlive a process.</summary>
    public string? Journal { get; set; }

    /// <summary>Requests that got past authentication, faults included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every message the provider sent (accepted, registered and in a sent group), in order.</summary>
    public IReadOnlyList<JsonObject> Sent => [.. _sent];

    public long CallbacksMade => Interlocked.Read(ref _callbacksMade);

    /// <summary>Every refusal (401/403/400) the stub gave, with its reason: tests that expect success assert it is empty.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    public IReadOnlyCollection<string> GroupIds => _groups.Keys.ToList();

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
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _callbacks.Dispose();
    }

    private async Task<IResult> HandleAsync(HttpRequest request, Func<JsonObject?, Task<IResult>> handle)
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

        JsonObject? body = null;
        if (!HttpMethods.IsGet(request.Method))
        {
            if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Invalid($"content type '{request.ContentType}' is not application/json");
            }

            try
            {
                body = JsonNode.Parse(await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync())?.AsObject() ?? throw new JsonException("empty body");
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return Invalid($"body is not a JSON object: {ex.Message}");
            }
        }

        var result = await handle(body);
        if (LoseAnswer(number, request.Method))
        {
            request.HttpContext.Abort();
        }

        return result;
    }

    private Task<IResult> CreateAsync(JsonObject? body)
    {
        var id = $"G4V{DateTime.UtcNow:yyyyMMddHHmmss}{Interlocked.Increment(ref _ids):D15}";
        var group = new Group(id, body?["allowDuplicates"]?.GetValue<bool>() ?? false, body?["customFields"]?.DeepClone() as JsonObject ?? new JsonObject());
        _groups[id] = group;
        return Task.FromResult(Results.Json(group.Info()));
    }

    private Task<IResult> AddAsync(string groupId, JsonObject? body)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return Task.FromResult(NotFound(groupId));
        }

        if (ShapeProblem(body!) is { } problem)
        {
            return Task.FromResult(Invalid(problem));
        }

        var results = new JsonArray();
        var errors = 0;
        lock (group)
        {
            if (group.Status != "PENDING")
            {
                return Task.FromResult(Invalid($"group {groupId} is {group.Status}: messages cannot be added"));
            }

            foreach (var m in body!["messages"]!.AsArray().Select(n => n!.AsObject()))
            {
                var to = Text(m, "to")!;
                var code = Refusals.TryGetValue(to, out var refusal) ? refusal : !group.AllowDuplicates && group.Messages.Any(x => x.To == to) ? "1026" : "2000";
                var message = new Message($"M4V{Interlocked.Increment(ref _ids):D29}", to, m.DeepClone().AsObject(), code);
                group.Messages.Add(message);
                errors += code == "2000" ? 0 : 1;
                results.Add(new JsonObject
                {
                    ["to"] = to, ["from"] = Text(m, "from"), ["type"] = Text(m, "type"), ["country"] = "82", ["messageId"] = message.Id,
                    ["statusCode"] = code, ["statusMessage"] = code == "2000" ? "정상 접수(이통사로 접수 예정) " : "접수 실패", ["accountId"] = "12925149",
                });
            }
        }

        return Task.FromResult(Results.Json(new JsonObject { ["errorCount"] = errors, ["resultList"] = results }));
    }

    private IResult Send(string groupId)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return NotFound(groupId);
        }

        List<Message> sent;
        lock (group)
        {
            if (group.Status != "PENDING")
            {
                return Invalid($"group {groupId} is {group.Status}: it cannot be sent again");
            }

            group.Status = "SENDING";
            var now = DateTimeOffset.UtcNow;
            sent = group.Messages.Where(m => m.Code == "2000").ToList();
            foreach (var m in sent)
            {
                m.ReportAt = now + ReportDelay + LateReports.GetValueOrDefault(m.To);
                // Kakao's codes (31xx) only for Kakao messages: an SMS fallback to the same number goes through the carrier.
                var kakao = (string?)m.Body["type"] is "ATA" or "CTA" or "CTI";
                m.FinalCode = ReportCodes.TryGetValue(m.To, out var code) && (kakao || !code.StartsWith("31", StringComparison.Ordinal)) ? code : "4000";
            }
        }

        foreach (var m in sent)
        {
            var record = new JsonObject
            {
                ["groupId"] = groupId, ["messageId"] = m.Id, ["to"] = m.To, ["crm"] = Reference(m), ["type"] = m.Body["type"]?.DeepClone(), ["from"] = m.Body["from"]?.DeepClone(),
                ["subject"] = m.Body["subject"]?.DeepClone(), ["autoTypeDetect"] = m.Body["autoTypeDetect"]?.DeepClone(), ["kakaoOptions"] = m.Body["kakaoOptions"]?.DeepClone(),
            };
            _sent.Enqueue(record);
            if (Journal is { } path)
            {
                lock (_sent)
                {
                    File.AppendAllText(path, record.ToJsonString() + "\n");
                }
            }
        }

        if (CallbackUrl is { } url)
        {
            foreach (var m in sent)
            {
                _ = CallBackAsync(url, group, m);
            }
        }

        return Results.Json(group.Info());
    }

    private IResult Delete(string groupId)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return NotFound(groupId);
        }

        lock (group)
        {
            if (group.Status != "PENDING")
            {
                return Invalid($"group {groupId} is {group.Status}: only a pending group can be deleted");
            }

            group.Status = "DELETED";
        }

        return Results.Json(group.Info());
    }

    private IResult DeleteMessages(string groupId, JsonObject body)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return NotFound(groupId);
        }

        if (body["messageIds"] is not JsonArray { Count: > 0 } ids || ids.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            return Invalid("messageIds must be a non-empty array of message ids");
        }

        var results = new JsonArray();
        lock (group)
        {
            if (group.Status != "PENDING")
            {
                return Invalid($"group {groupId} is {group.Status}: messages cannot be deleted");
            }

            foreach (var id in ids.Select(i => i!.GetValue<string>()))
            {
                var removed = group.Messages.RemoveAll(m => m.Id == id) > 0;
                results.Add(new JsonObject { ["messageId"] = id, ["resultCode"] = removed ? "Success" : "NotFound" });
            }
        }

        return Results.Json(new JsonObject { ["groupId"] = groupId, ["errorCount"] = results.Count(r => (string?)r!["resultCode"] != "Success"), ["resultList"] = results });
    }

    private IResult Info(string groupId) => _groups.TryGetValue(groupId, out var group) ? Results.Json(group.Info()) : NotFound(groupId);

    private IResult List(string groupId, string? startKey, int limit)
    {
        if (!_groups.TryGetValue(groupId, out var group))
        {
            return NotFound(groupId);
        }

        List<Message> all;
        lock (group)
        {
            all = [.. group.Messages];
        }

        var start = startKey is null ? 0 : all.FindIndex(m => m.Id == startKey);
        var page = all.Skip(Math.Max(0, start)).Take(Math.Clamp(limit, 1, 1000)).ToList();
        var list = new JsonObject();
        foreach (var m in page)
        {
            list[m.Id] = Stored(groupId, m);
        }

        var answer = new JsonObject { ["startKey"] = startKey, ["limit"] = limit, ["messageList"] = list };
        if (start + page.Count < all.Count)
        {
            answer["nextKey"] = all[start + page.Count].Id;
        }

        return Results.Json(answer);
    }

    private async Task CallBackAsync(Uri url, Group group, Message m)
    {
        try
        {
            var delay = m.ReportAt!.Value - DateTimeOffset.UtcNow;
            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _stopping.Token);
            using var content = new StringContent(new JsonArray(Stored(group.Id, m)).ToJsonString(), Encoding.UTF8, "application/json");
            content.Headers.Add("X-Solapi-Event-Name", "SINGLE-REPORT");
            Interlocked.Increment(ref _callbacksMade);
            using var _ = await _callbacks.PostAsync(url, content, _stopping.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // A lost callback is what polling is for.
        }
    }

    private static JsonObject Stored(string groupId, Message m) => new()
    {
        ["messageId"] = m.Id,
        ["groupId"] = groupId,
        ["to"] = m.To,
        ["from"] = m.Body["from"]?.DeepClone(),
        ["type"] = m.Body["type"]?.DeepClone(),
        ["statusCode"] = m.Code != "2000" ? m.Code : m.ReportAt is { } at && DateTimeOffset.UtcNow >= at ? m.FinalCode : m.ReportAt is null ? "2000" : "3000",
        ["customFields"] = m.Body["customFields"]?.DeepClone() ?? new JsonObject(),
        ["dateCreated"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
    };

    private static string? Reference(Message m) => m.Body["customFields"] is JsonObject c ? Text(c, "crm") : null;

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

    private IResult Invalid(string problem)
    {
        _problems.Enqueue(problem);
        return Results.Json(new { errorCode = "ValidationError", errorMessage = problem }, statusCode: 400);
    }

    private IResult NotFound(string groupId)
    {
        _problems.Enqueue($"no group {groupId}");
        return Results.Json(new { errorCode = "NotFound", errorMessage = $"1022 해당 그룹이 없음: {groupId}" }, statusCode: 404);
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool IsDigits(string? value, int min, int max) => value is not null && value.Length >= min && value.Length <= max && value.All(char.IsAsciiDigit);

    private sealed class Group(string id, bool allowDuplicates, JsonObject customFields)
    {
        public string Id { get; } = id;

        public bool AllowDuplicates { get; } = allowDuplicates;

        public string Status { get; set; } = "PENDING";

        public List<Message> Messages { get; } = [];

        public JsonObject Info()
        {
            lock (this)
            {
                return new JsonObject
                {
                    ["_id"] = Id, ["groupId"] = Id, ["status"] = Status, ["apiVersion"] = "4", ["allowDuplicates"] = AllowDuplicates, ["customFields"] = customFields.DeepClone(),
                    ["count"] = new JsonObject
                    {
                        ["total"] = Messages.Count,
                        ["registeredSuccess"] = Messages.Count(m => m.Code == "2000"),
                        ["registeredFailed"] = Messages.Count(m => m.Code != "2000"),
                    },
                };
            }
        }
    }

    private sealed class Message(string id, string to, JsonObject body, string code)
    {
        public string Id { get; } = id;

        public string To { get; } = to;

        public JsonObject Body { get; } = body;

        public string Code { get; } = code;

        public DateTimeOffset? ReportAt { get; set; }

        public string FinalCode { get; set; } = "4000";
    }
}
