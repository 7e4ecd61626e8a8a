using Crm.Core.Rewards;

namespace Crm.Core.Api;

/// <summary>The points policy over HTTP, and its terms text (R5).</summary>
public sealed class PointsPolicyApi(PointsPolicyService policies)
{
    public Task<ApiResponse> SaveAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var settings = await ApiBody.ReadAsync<PointsPolicySettings>(request.Body, cancellationToken);
            return new ApiResponse(200, await policies.SaveAsync(request.Route("tenantId"), settings, cancellationToken));
        });

    public Task<ApiResponse> TermsAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var state = await policies.GetAsync(request.Route("tenantId"), cancellationToken);
            return new ApiResponse(200, new { terms = state.Policy.TermsText() });
        });
}
