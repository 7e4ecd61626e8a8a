using Crm.Core.Cohorts;

namespace Crm.Core.Api;

/// <summary>Date-based events over HTTP (B1–B6): create, edit, read and preview; each answer lists every run's send time and weekday.</summary>
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
}
