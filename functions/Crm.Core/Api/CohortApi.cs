using Crm.Core.Cohorts;

namespace Crm.Core.Api;

/// <summary>
/// The cohort CRM's definitions over HTTP (B1, B2): funnel, courses, cohorts, people. People are
/// upserted as a JSON array or NDJSON (Content-Type application/x-ndjson); bad rows are named by
/// number and nothing is written.
/// </summary>
public sealed class CohortApi(CohortService cohorts, CohortEventService events)
{
    public Task<ApiResponse> SaveFunnelAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var submission = await ApiBody.ReadAsync<FunnelSubmission>(request.Body, cancellationToken);
            return new ApiResponse(200, await cohorts.SaveFunnelAsync(request.Route("tenantId"), submission, cancellationToken));
        });

    public Task<ApiResponse> GetFunnelAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () => new ApiResponse(200, await cohorts.GetFunnelAsync(request.Route("tenantId"), cancellationToken)));

    public Task<ApiResponse> SaveCourseAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var submission = await ApiBody.ReadAsync<CourseSubmission>(request.Body, cancellationToken);
            return new ApiResponse(200, await cohorts.SaveCourseAsync(request.Route("tenantId"), request.Route("courseId"), submission, cancellationToken));
        });

    public Task<ApiResponse> SaveCohortAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var submission = await ApiBody.ReadAsync<CohortSubmission>(request.Body, cancellationToken);
            var cohort = await cohorts.SaveCohortAsync(request.Route("tenantId"), request.Route("cohortId"), submission, cancellationToken);

            // Reference dates may have moved: so do the events' next runs.
            await events.RescheduleCohortAsync(cohort.TenantId, cohort.CohortId, cancellationToken);
            return new ApiResponse(200, cohort);
        });

    public Task<ApiResponse> GetCohortAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () => new ApiResponse(200, await cohorts.GetCohortAsync(request.Route("tenantId"), request.Route("cohortId"), cancellationToken)));

    public Task<ApiResponse> UpsertPeopleAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var ndjson = request.Header("Content-Type")?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) == true;
            var records = ndjson
                ? await ApiBody.ReadNdjsonAsync<PersonRecord>(request.Body, PersonImport.MaxPerRequest, "people", cancellationToken)
                : await ApiBody.ReadAsync<List<PersonRecord?>>(request.Body, cancellationToken);
            var upserted = await cohorts.UpsertPeopleAsync(request.Route("tenantId"), request.Route("cohortId"), records, cancellationToken);
            return new ApiResponse(200, new { received = records.Count, upserted });
        });

    public Task<ApiResponse> GetPersonAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
            new ApiResponse(200, await cohorts.GetPersonAsync(request.Route("tenantId"), request.Route("cohortId"), request.Route("phone"), cancellationToken)));

    public Task<ApiResponse> ChangeStageAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var change = await ApiBody.ReadAsync<StageChange>(request.Body, cancellationToken);
            return new ApiResponse(200, await cohorts.ChangeStageAsync(request.Route("tenantId"), request.Route("cohortId"), request.Route("phone"), change, cancellationToken));
        });
}
