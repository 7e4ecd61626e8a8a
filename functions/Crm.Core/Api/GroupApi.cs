using Crm.Core.Audiences;

namespace Crm.Core.Api;

/// <summary>Groups over HTTP: save, read (with last extraction and member count), preview, extract now.</summary>
public sealed class GroupApi(GroupService groups)
{
    public Task<ApiResponse> SaveAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var definition = await ApiBody.ReadAsync<GroupDefinition>(request.Body, cancellationToken);
            return new ApiResponse(200, await groups.SaveAsync(request.Route("tenantId"), request.Route("groupId"), definition, cancellationToken));
        });

    public Task<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () => new ApiResponse(200, await groups.GetAsync(request.Route("tenantId"), request.Route("groupId"), cancellationToken)));

    public Task<ApiResponse> PreviewAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var definition = await ApiBody.ReadAsync<GroupDefinition>(request.Body, cancellationToken);
            return new ApiResponse(200, await groups.PreviewAsync(request.Route("tenantId"), definition.Condition, cancellationToken));
        });

    public Task<ApiResponse> ExtractAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () => new ApiResponse(200, new { groups = await groups.ExtractAsync(request.Route("tenantId"), cancellationToken) }));
}
