using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Core.Delivery;
using Crm.Providers.Solapi.Wire;

namespace Crm.Providers.Solapi;

/// <summary>
/// Sends through Solapi's v4 send-many/detail API (https://api.solapi.com/messages/v4/send-many/detail),
/// at most <see cref="SolapiOptions.MaxMessagesPerRequest"/> messages per request, results merged in order.
/// <list type="bullet">
/// <item>Per message: registered (status 2000) is accepted with Solapi's message id; any other status is a
/// refusal whose code passes through as the failure code. Delivery results (carrier 3xxx, Kakao 3104/3107,
/// 4000 received) come later from Solapi and are not part of this answer.</item>
/// <item>No answer, 408, 429 or 5xx: <see cref="TransientProviderException"/>, retried by the workflow.</item>
/// <item>Any other 4xx for the whole request: <see cref="SolapiRequestRejectedException"/> (see there).</item>
/// <item>Idempotency: Solapi has no idempotency key (allowDuplicates=false only refuses a repeated number
/// within one request), so a request that reached Solapi but whose answer was lost is sent again on retry.
/// <see cref="SolapiAnswerCache"/> leaves that risk only to retries in another process; the workflow persists
/// the step's result once it has one (D9).</item>
/// </list>
/// </summary>
public sealed class SolapiProvider : IMessageProvider, IDisposable
{
    private const string SendManyPath = "messages/v4/send-many/detail";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly SolapiOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _endpoint;
    private readonly SolapiAnswerCache _answers;

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
        var baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        _endpoint = new Uri(baseUrl, SendManyPath);
        _answers = new SolapiAnswerCache(time);
    }

    /// <summary>The host's provider: one long-lived HttpClient (pooled connections renewed every few minutes for DNS changes).</summary>
    public static SolapiProvider Create(SolapiOptions options, TimeProvider time)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All };
        return new SolapiProvider(new HttpClient(handler) { Timeout = options.Timeout }, ownsHttp: true, options, time);
    }

    public async Task<IReadOnlyList<ProviderResult>> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken)
    {
        var results = new List<ProviderResult>(request.Messages.Count);
        var part = 0;
        foreach (var chunk in request.Messages.Chunk(_options.MaxMessagesPerRequest))
        {
            var key = $"{request.IdempotencyKey}#{part++}";
            if (!_answers.TryGet(key, out var answer))
            {
                answer = await SendPartAsync(request, chunk, cancellationToken);
                _answers.Add(key, answer);
            }

            results.AddRange(answer);
        }

        return results;
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<IReadOnlyList<ProviderResult>> SendPartAsync(ProviderSendRequest request, ProviderMessage[] messages, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(SolapiRequestBuilder.Build(request, messages), SolapiJsonContext.Default.SolapiSendManyRequest);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
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
                return SolapiResultMapper.Map(messages, Parse(text, status));
            }

            var error = TryParseError(text);
            if (status is 408 or 429 or >= 500)
            {
                throw new TransientProviderException($"Solapi answered HTTP {status}{(error?.ErrorCode is { } code ? " " + code : "")}: {error?.ErrorMessage ?? Truncate(text)}");
            }

            throw new SolapiRequestRejectedException(status, error?.ErrorCode, error?.ErrorMessage ?? Truncate(text));
        }
    }

    // A success status with an unreadable body says nothing about what was registered: like a lost
    // answer, it is retried (with the duplicate risk described on the class).
    private static SolapiSendManyResponse Parse(string text, int status)
    {
        try
        {
            return JsonSerializer.Deserialize(text, SolapiJsonContext.Default.SolapiSendManyResponse)
                ?? throw new TransientProviderException($"Solapi answered HTTP {status} with an empty body.");
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
