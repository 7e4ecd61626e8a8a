using System.Text.Json;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Runs a request once per (tenant, Idempotency-Key): the first response, success or 4xx, is
/// stored and returned to every retry with the same key, forever. Without the header the request
/// simply runs.
/// </summary>
public sealed class IdempotentRequests(IIdempotencyStore store, TimeProvider time)
{
    public const string Header = "Idempotency-Key";

    public async Task<ApiResponse> RunAsync(ApiRequest request, string tenantId, Func<Task<ApiResponse>> handler, CancellationToken cancellationToken)
    {
        var key = request.Header(Header);
        if (key is null)
        {
            return await handler();
        }

        if (!KeyIds.IsReference(key))
        {
            return ApiErrors.Problem(400, "The Idempotency-Key header is not usable.", KeyIds.ReferenceRule, new Dictionary<string, string[]> { [Header] = [$"{KeyIds.ReferenceRule}."] });
        }

        var (claimed, earlier) = await store.TryClaimAsync(tenantId, key, time.GetUtcNow(), cancellationToken);
        if (!claimed)
        {
            return earlier is null
                ? ApiErrors.Problem(409, "A request with this Idempotency-Key is still running.", "Retry in a moment; it will get that request's response.")
                : new ApiResponse(earlier.StatusCode, earlier.Body is null ? null : JsonSerializer.Deserialize<JsonElement>(earlier.Body), earlier.Location) { ReplayedProblem = earlier.IsProblem };
        }

        ApiResponse response;
        try
        {
            response = await handler();
        }
        catch
        {
            await store.ReleaseAsync(tenantId, key, CancellationToken.None);
            throw;
        }

        var body = response.Body is null ? null : JsonSerializer.Serialize(response.Body, response.Body.GetType(), CrmJson.Options);
        await store.CompleteAsync(tenantId, key, new StoredResponse(response.StatusCode, body, response.Location, response.IsProblem), cancellationToken);
        return response;
    }
}
