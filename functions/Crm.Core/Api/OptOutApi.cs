using Crm.Core.Audiences;

namespace Crm.Core.Api;

/// <summary>G4 over HTTP: an opt-out by API, and the webhook the 080 line's provider calls.</summary>
public sealed class OptOutApi(OptOutService optOuts)
{
    public Task<ApiResponse> RecordAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var body = await ApiBody.ReadAsync<OptOutRequest>(request.Body, cancellationToken);
            var phone = await optOuts.RecordAsync(request.Route("tenantId"), body.Phone, OptOutService.SourceApi, cancellationToken);
            return new ApiResponse(200, new { phone, source = OptOutService.SourceApi });
        });

    public Task<ApiResponse> LineCallAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var body = await ApiBody.ReadAsync<OptOutRequest>(request.Body, cancellationToken);
            var phone = await optOuts.RecordLineCallAsync(request.Route("lineNumber"), body.Phone, cancellationToken);
            return new ApiResponse(200, new { phone, source = OptOutService.SourceLine });
        });
}
