using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Crm.Core.Delivery;
using Crm.Providers.Solapi.Wire;

namespace Crm.Providers.Solapi;

/// <summary>
/// Sends through Solapi's v4 message groups (solapi/documents, api-reference/messages/groups), the
/// flow Solapi documents for sending without losing or doubling messages on network errors:
/// <list type="bullet">
/// <item>CreateGroup: POST /messages/v4/groups (allowDuplicates=false, our label in customFields). The
/// workflow records the id before anything is sent.</item>
/// <item>SendGroup: GET the group; while it is PENDING, list its messages, DELETE those this request
/// no longer holds, PUT only the missing ones (each carries our reference in customFields.crm), then
/// POST …/send. A group that is not PENDING was sent already (perhaps by an attempt whose answer was
/// lost) and is only read. Solapi has no idempotency key; the group's state is the key.</item>
/// <item>ReadGroup: the group's messages, paged, each status code mapped by <see cref="SolapiStatusCodes"/>.</item>
/// <item>DiscardGroup: DELETE a PENDING group, so that a /send still in flight cannot send it after we
/// recorded it as not sent; a refused delete means the send won, and the group is read.</item>
/// <item>No answer, 408, 429 or 5xx: <see cref="TransientProviderException"/>, retried by the workflow.
/// Any other 4xx for a whole request: <see cref="SolapiRequestRejectedException"/>, not retried.</item>
/// </list>
/// </summary>
public sealed class SolapiProvider : IMessageProvider, IDisposable
{
    private const string GroupsPath = "messages/v4/groups";

    /// <summary>Messages per page when listing a group (Solapi documents no maximum; 500 keeps answers near 200 KB).</summary>
    private const int PageSize = 500;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SolapiOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _baseUrl;

    /// <summary>Uses <paramref name="http"/> as it is (its Timeout applies); the caller keeps owning it.</summary>
    public SolapiProvider(HttpClient http, SolapiOptions options, TimeProvider time)
        : this(http, ownsHttp: false, options, time)
    {
    }

    private SolapiProvider(HttpClient http, bool ownsHttp, SolapiOptions options, TimeProvider time)
    {
        if (options.MaxMessagesPerRequest is < 1 or > SolapiOptions.SolapiRequestLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxMessagesPerRequest, $"MaxMessagesPerRequest must be 1 to {SolapiOptions.SolapiRequestLimit:N0}.");
        }

        _http = http;
        _ownsHttp = ownsHttp;
        _options = options;
        _time = time;
        _baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
    }

    /// <summary>The host's provider: one long-lived HttpClient (pooled connections renewed every few minutes for DNS changes).</summary>
    public static SolapiProvider Create(SolapiOptions options, TimeProvider time)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All };
        return new SolapiProvider(new HttpClient(handler) { Timeout = options.Timeout }, ownsHttp: true, options, time);
    }

    public async Task<string> CreateGroupAsync(string label, CancellationToken cancellationToken)
    {
        var body = new SolapiCreateGroupRequest(AllowDuplicates: false, new Dictionary<string, string>(1) { [SolapiRequestBuilder.ReferenceField] = label });
        var group = await SendAsync(HttpMethod.Post, GroupsPath, body, SolapiJsonContext.Default.SolapiCreateGroupRequest, SolapiJsonContext.Default.SolapiGroup, cancellationToken);
        return group.GroupId is { Length: > 0 } id ? id : throw new TransientProviderException("Solapi created a group but answered without its groupId.");
    }

    public async Task<ProviderGroup> SendGroupAsync(string groupId, ProviderSendRequest request, CancellationToken cancellationToken)
    {
        if (IsPending(await GetGroupAsync(groupId, cancellationToken)))
        {
            var held = await ListAsync(groupId, cancellationToken);
            var wanted = request.Messages.Select(m => m.Reference).ToHashSet(StringComparer.Ordinal);

            // A message an earlier attempt added that this one no longer sends (its recipient opted out meanwhile) leaves first: /send sends the whole group.
            var stray = held.Where(m => Reference(m) is not { } r || !wanted.Contains(r)).Select(m => m.MessageId).OfType<string>().ToList();
            foreach (var chunk in stray.Chunk(_options.MaxMessagesPerRequest))
            {
                await SendAsync<SolapiDeleteMessagesRequest, SolapiGroup>(HttpMethod.Delete, MessagesPath(groupId),
                    new SolapiDeleteMessagesRequest(chunk), SolapiJsonContext.Default.SolapiDeleteMessagesRequest, null, cancellationToken);
            }

            var present = held.Select(Reference).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var missing = request.Messages.Where(m => !present.Contains(m.Reference)).ToList();
            foreach (var chunk in missing.Chunk(_options.MaxMessagesPerRequest))
            {
                await SendAsync<SolapiAddMessagesRequest, SolapiGroup>(HttpMethod.Put, MessagesPath(groupId),
                    new SolapiAddMessagesRequest(SolapiRequestBuilder.Build(request, chunk)), SolapiJsonContext.Default.SolapiAddMessagesRequest, null, cancellationToken);
            }

            await SendAsync<SolapiGroup, SolapiGroup>(HttpMethod.Post, $"{GroupPath(groupId)}/send", null, null, null, cancellationToken);
        }

        return await ReadGroupAsync(groupId, cancellationToken);
    }

    public async Task<ProviderGroup> ReadGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        var group = await GetGroupAsync(groupId, cancellationToken);
        if (IsDiscarded(group))
        {
            return new ProviderGroup(groupId, false, []);
        }

        var messages = await ListAsync(groupId, cancellationToken);

        // A reference in the group twice is a repeated add that Solapi refused as a duplicate (1026): the other one stands.
        var states = messages
            .Where(m => Reference(m) is not null)
            .GroupBy(m => Reference(m)!, StringComparer.Ordinal)
            .Select(g => g.OrderBy(m => m.StatusCode == "1026" ? 1 : 0).First())
            .Select(m => new ProviderMessageState(Reference(m)!, m.To ?? string.Empty, m.MessageId, SolapiStatusCodes.Of(m.StatusCode)))
            .ToList();
        return new ProviderGroup(groupId, !IsPending(group), states);
    }

    public async Task<ProviderGroup> DiscardGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        if (IsPending(await GetGroupAsync(groupId, cancellationToken)))
        {
            try
            {
                await SendAsync<SolapiGroup, SolapiGroup>(HttpMethod.Delete, GroupPath(groupId), null, null, null, cancellationToken);
            }
            catch (SolapiRequestRejectedException)
            {
                // Refused: the group left PENDING in the meantime (a /send in flight won). Reading it says what went out.
            }
        }

        return await ReadGroupAsync(groupId, cancellationToken);
    }

    public string? Refuses(Channel channel, FriendTalkType? friendTalkType) => SolapiMessageType.Refusal(channel, friendTalkType);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // A group without a status says nothing about whether it was sent: retried like a lost answer, never taken for PENDING (which would send it again).
    private static bool IsPending(SolapiGroup group) =>
        (group.Status ?? throw new TransientProviderException($"Solapi answered for group {group.GroupId} without its status.")) == "PENDING";

    // Deleted, or a schedule cancelled: nothing in it was or will be sent.
    private static bool IsDiscarded(SolapiGroup group) => !IsPending(group) && group.Status is "DELETED" or "FAILED";

    private static string GroupPath(string groupId) => $"{GroupsPath}/{Uri.EscapeDataString(groupId)}";

    private static string MessagesPath(string groupId) => $"{GroupPath(groupId)}/messages";

    private static string? Reference(SolapiStoredMessage m) => m.CustomFields?.GetValueOrDefault(SolapiRequestBuilder.ReferenceField);

    private Task<SolapiGroup> GetGroupAsync(string groupId, CancellationToken cancellationToken) =>
        SendAsync<SolapiGroup, SolapiGroup>(HttpMethod.Get, GroupPath(groupId), null, null, SolapiJsonContext.Default.SolapiGroup, cancellationToken);

    private async Task<List<SolapiStoredMessage>> ListAsync(string groupId, CancellationToken cancellationToken)
    {
        var all = new List<SolapiStoredMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? startKey = null;
        while (true)
        {
            var path = $"{MessagesPath(groupId)}?limit={PageSize}" + (startKey is null ? "" : $"&startKey={Uri.EscapeDataString(startKey)}");
            var page = await SendAsync<SolapiMessageList, SolapiMessageList>(HttpMethod.Get, path, null, null, SolapiJsonContext.Default.SolapiMessageList, cancellationToken);
            var fresh = (page.MessageList ?? []).Where(m => seen.Add(m.Key)).Select(m => m.Value).ToList();
            all.AddRange(fresh);
            if (page.NextKey is not { Length: > 0 } next || next == startKey || fresh.Count == 0)
            {
                return all;
            }

            startKey = next;
        }
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest>? requestType, JsonTypeInfo<TResponse>? responseType, CancellationToken cancellationToken)
        where TResponse : class, new()
    {
        using var message = new HttpRequestMessage(method, new Uri(_baseUrl, path));
        if (body is not null && requestType is not null)
        {
            message.Content = new StringContent(JsonSerializer.Serialize(body, requestType), Encoding.UTF8, "application/json");
        }
        else if (method != HttpMethod.Get)
        {
            message.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        // A new signature for every attempt: Solapi refuses one it has seen (DuplicatedSignature).
        message.Headers.Authorization = new AuthenticationHeaderValue(SolapiAuthorization.Scheme, SolapiAuthorization.Parameter(_options.ApiKey, _options.ApiSecret, _time.GetUtcNow()));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientProviderException($"Solapi could not be reached: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientProviderException($"Solapi did not answer within {_http.Timeout.TotalSeconds:0.#} s.", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return responseType is null ? new TResponse() : Parse(text, status, responseType);
            }

            var error = TryParseError(text);
            if (status is 408 or 429 or >= 500)
            {
                throw new TransientProviderException($"Solapi answered HTTP {status}{(error?.ErrorCode is { } code ? " " + code : "")}: {error?.ErrorMessage ?? Truncate(text)}");
            }

            throw new SolapiRequestRejectedException(status, error?.ErrorCode, error?.ErrorMessage ?? Truncate(text));
        }
    }

    // A success status with an unreadable body says nothing: like a lost answer, it is retried, and the retry reads the group.
    private static T Parse<T>(string text, int status, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(text, type) ?? throw new TransientProviderException($"Solapi answered HTTP {status} with an empty body.");
        }
        catch (JsonException ex)
        {
            throw new TransientProviderException($"Solapi answered HTTP {status} with a body that is not its JSON: {Truncate(text)}", ex);
        }
    }

    private static SolapiErrorResponse? TryParseError(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, SolapiJsonContext.Default.SolapiErrorResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
