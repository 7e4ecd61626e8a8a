using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Core.Common;
using Crm.Core.Functions;

namespace Crm.Core.Api;

/// <summary>
/// The Idempotency-Key header as integrators know it from Stripe and the IETF draft "The
/// Idempotency-Key HTTP Header Field": a request runs once per (tenant, key).
/// <list type="bullet">
/// <item>The key is bound to the request's fingerprint (function, route values, SHA-256 of the body).
/// A retry of that request gets the first response, success or error, forever, marked
/// <c>Idempotent-Replayed: true</c>; another request with the key is a 422.</item>
/// <item>While the first request runs, a duplicate is a 409 with Retry-After.</item>
/// <item>A run holds the key for <see cref="Lease"/>. If it died mid-way (process killed), the same
/// request takes the key over once the lease is over, and gets the same <see cref="IdempotencyClaim"/>.</item>
/// <item>A 400 (refused before anything was done) frees the key for any request; a 5xx ends the lease
/// at once, so the same request can be retried straight away.</item>
/// </list>
/// </summary>
public sealed class IdempotentRequests(IIdempotencyStore store, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// How long a run holds its key before the same request may take over: longer than any request
    /// runs (Azure's front end ends an HTTP request at 230 s; a 100,000-recipient submission takes
    /// seconds). Doing the work once does not hang on it: that work is keyed by the claim as well
    /// (the campaign id, the card payment), so even a takeover of a run still alive does it once.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>What a duplicate arriving while the first request runs is told to wait before asking again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="handler"/> for <paramref name="function"/> once per key; it gets the request
    /// with its body buffered, and the claim (null when no key was sent and none is required).
    /// </summary>
    public async Task<ApiResponse> RunAsync(
        ApiRequest request,
        string tenantId,
        string function,
        bool keyRequired,
        Func<ApiRequest, IdempotencyClaim?, Task<ApiResponse>> handler,
        CancellationToken cancellationToken)
    {
        var key = KeyOf(request);
        if (key is null)
        {
            return keyRequired
                ? ApiErrors.Problem(400, "An Idempotency-Key header is required.", "Send a new key for each request and the same key on its retries.", Errors($"Required: {KeyIds.ReferenceRule}."))
                : await handler(request, null);
        }

        if (!KeyIds.IsReference(key))
        {
            return ApiErrors.Problem(400, "The Idempotency-Key header is not usable.", KeyIds.ReferenceRule, Errors($"{KeyIds.ReferenceRule}."));
        }

        var body = await ReadAllAsync(request.Body, cancellationToken);
        var fingerprint = Fingerprint(function, request.RouteValues, body);
        var now = time.GetUtcNow();
        var claimedAt = now;
        var existing = await store.TryAddAsync(tenantId, key, new IdempotencyRecord(fingerprint, now, now + Lease), cancellationToken);
        if (existing is not null)
        {
            if (existing.Fingerprint != fingerprint)
            {
                return ApiErrors.Problem(
                    422, "The Idempotency-Key was used for another request.", "A key stays bound to the method, route and body it was first sent with; send a new key for a new request.",
                    Errors("Already used for another request."));
            }

            if (existing.Response is { } earlier)
            {
                return new ApiResponse(earlier.StatusCode, earlier.Body is null ? null : JsonSerializer.Deserialize<JsonElement>(earlier.Body), earlier.Location)
                {
                    ReplayedProblem = earlier.IsProblem,
                    Headers = new Dictionary<string, string> { [ReplayedHeader] = "true" },
                };
            }

            if (existing.LeaseUntil > now || !await store.TryTakeOverAsync(tenantId, key, existing, now + Lease, cancellationToken))
            {
                return ApiErrors.Problem(
                    409, "A request with this Idempotency-Key is still running.",
                    $"Retry in a moment to get its response. If it was interrupted, a retry takes it over from {existing.LeaseUntil.ToString("u", CultureInfo.InvariantCulture)}.")
                    with { Headers = new Dictionary<string, string> { ["Retry-After"] = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture) } };
            }

            claimedAt = existing.ClaimedAt;
        }

        ApiResponse response;
        try
        {
            response = await handler(request with { Body = new MemoryStream(body, writable: false) }, new IdempotencyClaim(key, claimedAt));
        }
        catch
        {
            // If even this write fails, the lease runs out by itself.
            await store.EndLeaseAsync(tenantId, key, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        if (response.StatusCode >= 500)
        {
            await store.EndLeaseAsync(tenantId, key, time.GetUtcNow(), CancellationToken.None);
        }
        else if (response.StatusCode == 400)
        {
            await store.ReleaseAsync(tenantId, key, CancellationToken.None);
        }
        else
        {
            var stored = response.Body is null ? null : JsonSerializer.Serialize(response.Body, response.Body.GetType(), CrmJson.Options);
            await store.CompleteAsync(tenantId, key, new StoredResponse(response.StatusCode, stored, response.Location, response.IsProblem), CancellationToken.None);
        }

        return response;
    }

    // The draft sends the key as a structured-field string ("…"); Stripe's clients send it bare. Both are the same key.
    private static string? KeyOf(ApiRequest request) =>
        request.Header(Header) is { Length: >= 2 } quoted && quoted[0] == '"' && quoted[^1] == '"' ? quoted[1..^1] : request.Header(Header);

    private static Dictionary<string, string[]> Errors(string message) => new() { [Header] = [message] };

    private static string Fingerprint(string function, IReadOnlyDictionary<string, string> routeValues, byte[] body)
    {
        var definition = FunctionCatalog.Get(function);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{definition.Method} {definition.Route}\n"));
        foreach (var (name, value) in routeValues.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}={value}\n"));
        }

        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<byte[]> ReadAllAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
