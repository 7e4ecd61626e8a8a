using Crm.Core.Cohorts;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Date-based events over HTTP (B1–B6): create, edit, read and preview (each answer lists every
/// run's send time and weekday), the cohort's list, clone, delete, and "all off" with confirmation.
/// </summary>
public sealed class CohortEventApi(CohortEventService events)
{
    public Task<ApiResponse> CreateAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var submission = await ApiBody.ReadAsync<EventSubmission>(request.Body, cancellationToken);
            var view = await events.CreateAsync(request.Route("tenantId"), request.Route("cohortId"), submission, cancellationToken);
            return new ApiResponse(201, view, $"/api/tenants/{view.Event.TenantId}/cohorts/{view.Event.CohortId}/events/{view.Event.EventId}");
        });

    public Task<ApiResponse> UpdateAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var submission = await ApiBody.ReadAsync<EventSubmission>(request.Body, cancellationToken);
            return new ApiResponse(200, await events.UpdateAsync(request.Route("tenantId"), request.Route("cohortId"), request.Route("eventId"), submission, cancellationToken));
        });

    public Task<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
            new ApiResponse(200, await events.GetAsync(request.Route("tenantId"), request.Route("cohortId"), request.Route("eventId"), cancellationToken)));

    public Task<ApiResponse> PreviewAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var submission = await ApiBody.ReadAsync<EventSubmission>(request.Body, cancellationToken);
            return new ApiResponse(200, await events.PreviewAsync(request.Route("tenantId"), request.Route("cohortId"), submission, cancellationToken));
        });

    /// <summary>B6: ?sort=nextSendAt|enabled, ?order=asc|desc, ?pageSize=1..200, ?continuationToken=.</summary>
    public Task<ApiResponse> ListAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var sort = request.QueryValue("sort") is { } rawSort
                ? Enum.TryParse<EventSort>(rawSort, ignoreCase: true, out var parsed) && !int.TryParse(rawSort, out _)
                    ? parsed
                    : throw new CrmValidationException("sort", "nextSendAt or enabled.")
                : EventSort.NextSendAt;
            var descending = request.QueryValue("order") switch
            {
                null or "asc" => false,
                "desc" => true,
                _ => throw new CrmValidationException("order", "asc or desc."),
            };
            var page = await events.ListAsync(
                request.Route("tenantId"), request.Route("cohortId"), sort, descending, request.QueryValue("continuationToken"), request.PageSize(50, 200), cancellationToken);
            return new ApiResponse(200, new { items = page.Items, continuationToken = page.ContinuationToken });
        });

    public Task<ApiResponse> CloneAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var clone = await ApiBody.ReadAsync<CloneRequest>(request.Body, cancellationToken);
            var view = await events.CloneAsync(request.Route("tenantId"), request.Route("cohortId"), request.Route("eventId"), clone, cancellationToken);
            return new ApiResponse(201, view, $"/api/tenants/{view.Event.TenantId}/cohorts/{view.Event.CohortId}/events/{view.Event.EventId}");
        });

    public Task<ApiResponse> DeleteAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            await events.DeleteAsync(request.Route("tenantId"), request.Route("cohortId"), request.Route("eventId"), cancellationToken);
            return new ApiResponse(204, null);
        });

    public Task<ApiResponse> AllOffAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var confirmation = await ApiBody.ReadAsync<AllOffRequest>(request.Body, cancellationToken);
            return new ApiResponse(200, await events.AllOffAsync(request.Route("tenantId"), request.Route("cohortId"), confirmation, cancellationToken));
        });
}
