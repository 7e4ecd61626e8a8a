using Crm.Core.Rewards;

namespace Crm.Core.Api;

/// <summary>R1 over HTTP: grant, deduct, balance with its expiry breakdown, history.</summary>
public sealed class PointsApi(PointsService points)
{
    public Task<ApiResponse> GrantAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () => new ApiResponse(200, await points.GrantAsync(
            request.Route("tenantId"), request.Route("phone"), await ApiBody.ReadAsync<PointsChange>(request.Body, cancellationToken), cancellationToken)));

    public Task<ApiResponse> DeductAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () => new ApiResponse(200, await points.DeductAsync(
            request.Route("tenantId"), request.Route("phone"), await ApiBody.ReadAsync<PointsChange>(request.Body, cancellationToken), cancellationToken)));

    public Task<ApiResponse> BalanceAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () => new ApiResponse(200, await points.BalanceAsync(request.Route("tenantId"), request.Route("phone"), cancellationToken)));

    /// <summary>?after={sequence}&amp;pageSize=1..1000.</summary>
    public Task<ApiResponse> HistoryAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var after = long.TryParse(request.QueryValue("after"), out var a) && a > 0 ? a : 0;
            var size = request.PageSize();
            var entries = await points.HistoryAsync(request.Route("tenantId"), request.Route("phone"), after, size, cancellationToken);
            return new ApiResponse(200, new { items = entries, after = entries.Count == size ? entries[^1].Sequence : (long?)null });
        });
}
