using System.Text;
using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Common;
using Crm.Core.Functions;
using Crm.Storage.Api;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Core;

/// <summary>The Idempotency-Key rules (Stripe, IETF draft) over the real store, with a clock the test moves.</summary>
public sealed class IdempotentRequestsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _tenant = Ids.Tenant();
    private readonly List<IdempotencyClaim?> _runs = [];

    private IdempotentRequests NewRequests() => new(new TableIdempotencyStore(azurite.NewClients()), _time);

    private ApiRequest Request(string key, string body) => new(
        new Dictionary<string, string> { ["tenantId"] = _tenant },
        new MemoryStream(Encoding.UTF8.GetBytes(body)),
        Headers: new Dictionary<string, string> { [IdempotentRequests.Header] = key });

    private Task<ApiResponse> RunAsync(IdempotentRequests requests, ApiRequest request, Func<IdempotencyClaim?, Task<ApiResponse>>? handler = null, string function = FunctionCatalog.SubmitCampaign) =>
        requests.RunAsync(request, _tenant, function, keyRequired: false, async (buffered, claim) =>
        {
            _runs.Add(claim);
            var body = await new StreamReader(buffered.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
            return handler is null ? new ApiResponse(202, new { echo = body, run = _runs.Count }, "/api/somewhere") : await handler(claim);
        }, TestContext.Current.CancellationToken);

    private static string Json(object body) => JsonSerializer.Serialize(body, body.GetType(), CrmJson.Options);

    [Fact]
    public async Task A_retry_gets_the_first_response_marked_replayed_and_runs_nothing()
    {
        var requests = NewRequests();

        var first = await RunAsync(requests, Request("order-1", "{\"a\":1}"));
        var retry = await RunAsync(requests, Request("order-1", "{\"a\":1}"));
        var quoted = await RunAsync(requests, Request("\"order-1\"", "{\"a\":1}"));

        Assert.Single(_runs);
        Assert.Equal((202, "/api/somewhere"), (retry.StatusCode, retry.Location));
        Assert.Equal(Json(first.Body!), Json(retry.Body!));
        Assert.Null(first.Headers);
        Assert.Equal("true", retry.Headers![IdempotentRequests.ReplayedHeader]);
        Assert.Equal(202, quoted.StatusCode);
    }

    [Fact]
    public async Task The_same_key_with_another_body_or_route_is_a_422_naming_the_header()
    {
        var requests = NewRequests();
        await RunAsync(requests, Request("order-2", "{\"a\":1}"));

        var otherBody = await RunAsync(requests, Request("order-2", "{\"a\":2}"));
        var otherRoute = await RunAsync(requests, Request("order-2", "{\"a\":1}"), function: FunctionCatalog.TopUpWallet);

        Assert.Single(_runs);
        Assert.Equal((422, 422), (otherBody.StatusCode, otherRoute.StatusCode));
        Assert.Contains(IdempotentRequests.Header, ((ProblemDetails)otherBody.Body!).Errors!.Keys);
    }

    [Fact]
    public async Task A_duplicate_while_the_first_runs_is_a_409_with_Retry_After_and_then_gets_its_response()
    {
        var requests = NewRequests();
        var (started, release) = (new TaskCompletionSource(), new TaskCompletionSource<ApiResponse>());
        var first = RunAsync(requests, Request("order-3", "{}"), _ =>
        {
            started.SetResult();
            return release.Task;
        });
        await started.Task;

        var duplicate = await RunAsync(requests, Request("order-3", "{}"));
        release.SetResult(new ApiResponse(202, new { id = "c-1" }));
        await first;
        var later = await RunAsync(requests, Request("order-3", "{}"));

        Assert.Equal(409, duplicate.StatusCode);
        Assert.Equal("1", duplicate.Headers!["Retry-After"]);
        Assert.True(duplicate.IsProblem);
        Assert.Equal((202, "true"), (later.StatusCode, later.Headers![IdempotentRequests.ReplayedHeader]));
        Assert.Single(_runs);
    }

    [Fact]
    public async Task A_run_that_died_holds_its_key_for_the_lease_then_the_same_request_takes_over_with_the_same_claim()
    {
        // The first run never finishes: as far as the store can tell, its process was killed mid-way.
        var (started, dead) = (new TaskCompletionSource(), new TaskCompletionSource<ApiResponse>());
        _ = RunAsync(NewRequests(), Request("order-4", "{\"a\":1}"), _ =>
        {
            started.SetResult();
            return dead.Task;
        });
        await started.Task;

        var restarted = NewRequests();
        _time.Advance(IdempotentRequests.Lease - TimeSpan.FromSeconds(1));
        var duringLease = await RunAsync(restarted, Request("order-4", "{\"a\":1}"));
        _time.Advance(TimeSpan.FromSeconds(2));
        var otherBody = await RunAsync(restarted, Request("order-4", "{\"a\":2}"));
        var takeover = await RunAsync(restarted, Request("order-4", "{\"a\":1}"));
        var retry = await RunAsync(restarted, Request("order-4", "{\"a\":1}"));

        Assert.Equal((409, 422, 202, 202), (duringLease.StatusCode, otherBody.StatusCode, takeover.StatusCode, retry.StatusCode));
        Assert.Equal(2, _runs.Count);
        Assert.Equal(new IdempotencyClaim("order-4", Start), _runs[1]);
        Assert.Equal(_runs[0], _runs[1]);
        Assert.Equal("true", retry.Headers![IdempotentRequests.ReplayedHeader]);
        dead.SetCanceled(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_400_frees_the_key_for_any_request_and_a_failure_lets_the_same_request_run_again_at_once()
    {
        var requests = NewRequests();

        var refused = await RunAsync(requests, Request("order-5", "{\"bad\":1}"), _ => Task.FromResult(ApiErrors.Problem(400, "bad", null)));
        var corrected = await RunAsync(requests, Request("order-5", "{\"good\":1}"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(requests, Request("order-6", "{}"), _ => throw new InvalidOperationException("storage down")));
        _time.Advance(TimeSpan.FromSeconds(1));
        var otherBody = await RunAsync(requests, Request("order-6", "{\"x\":1}"));
        var again = await RunAsync(requests, Request("order-6", "{}"));

        Assert.Equal((400, 202, 422, 202), (refused.StatusCode, corrected.StatusCode, otherBody.StatusCode, again.StatusCode));
        Assert.Equal(new IdempotencyClaim("order-6", Start), _runs[3]);
    }

    [Fact]
    public async Task A_required_key_that_is_missing_is_a_400_naming_the_header()
    {
        var request = new ApiRequest(new Dictionary<string, string> { ["tenantId"] = _tenant }, new MemoryStream());

        var response = await NewRequests().RunAsync(request, _tenant, FunctionCatalog.TopUpWallet, keyRequired: true, (_, _) => throw new InvalidOperationException("must not run"), TestContext.Current.CancellationToken);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(IdempotentRequests.Header, ((ProblemDetails)response.Body!).Errors!.Keys);
    }
}
