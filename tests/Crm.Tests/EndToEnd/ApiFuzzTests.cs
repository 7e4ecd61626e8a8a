using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Core.Functions;
using Crm.Tests.EndToEnd.Fuzz;
using Crm.Tests.Fixtures;
using CsCheck;

namespace Crm.Tests.EndToEnd;

/// <summary>
/// Thousands of generated bad and edge requests over every HTTP route of the catalog, against
/// Crm.Local: none may get a 5xx, hang, leak a type name or a stack trace, or move credits. The seed
/// is fixed so the suite is repeatable; <c>scripts/fuzz.sh</c> runs longer with new seeds.
/// </summary>
[Collection(CrmLocalCollection.Name)]
public sealed class ApiFuzzTests(CrmLocalFixture local, ITestOutputHelper output)
{
    /// <summary>The suite's seed (a CsCheck PCG seed); CRM_FUZZ_SEED overrides it, "random" draws one.</summary>
    private const string SuiteSeed = "0000001diBFb";

    private const int SuiteRequests = 2_000;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly CrmApi _api = new(local);

    [Fact]
    public async Task Generated_bad_requests_on_every_route_get_4xx_answers_and_move_no_credits()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = Environment.GetEnvironmentVariable("CRM_FUZZ_SEED") switch
        {
            null or "" => SuiteSeed,
            "random" => new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()).ToString(),
            var given => given,
        };
        var count = int.TryParse(Environment.GetEnvironmentVariable("CRM_FUZZ_REQUESTS"), out var n) ? n : SuiteRequests;
        var target = await SetUpAsync();
        var before = await LedgerAsync(target.Tenant);
        var requests = FuzzRequests.For(target).Array[count].Single(_ => true, seed);

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var moneyAnswered = 0;
        var clock = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            var (status, body) = await SendAsync(request, ct);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status is 0 or >= 500 || (status >= 400 && Leaks(body)))
            {
                failures.Add($"{(status == 0 ? "no answer within 30 s" : status.ToString())} ← {request}\n   {body[..Math.Min(body.Length, 300)]}");
            }

            var asCataloged = request.Method == FunctionCatalog.Get(request.Function).Method!.ToUpperInvariant();
            if (status is >= 200 and < 300 && asCataloged && request.Function is FunctionCatalog.AdjustWallet or FunctionCatalog.TopUpWallet or FunctionCatalog.SubmitCampaign)
            {
                moneyAnswered++;
                failures.Add($"{status} on a request built to be refused ← {request}");
            }
        }

        output.WriteLine($"Seed {seed}: {count:N0} requests over {FuzzRequests.Functions.Count} routes in {clock.Elapsed.TotalSeconds:F1} s; " +
            string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value:N0}")));
        Assert.True(failures.Count == 0, $"Seed {seed}: {failures.Count} bad answers (first 20):\n" + string.Join("\n", failures.Take(20)));

        // The host is still up, and no credit moved: the ledger is the one from before, entry for entry.
        var after = await LedgerAsync(target.Tenant);
        Assert.Equal(0, moneyAnswered);
        Assert.Equal(before, after);
    }

    private async Task<FuzzTarget> SetUpAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Ids.Tenant();
        var spare = Ids.Tenant();
        var line = $"080-7{Random.Shared.Next(100):D2}-{Random.Shared.Next(10_000):D4}";
        await CrmApi.OkAsync(await _api.Http.PutAsJsonAsync($"tenants/{tenant}", new { name = "퍼즈 상점", optOutNumber = line, kakaoChannelId = "@fuzz" }, ct));
        await CrmApi.OkAsync(await _api.Http.PutAsJsonAsync($"tenants/{spare}", new { name = "예비 상점" }, ct));
        await CrmApi.OkAsync(await _api.Http.PostAsJsonAsync($"tenants/{tenant}/wallet/adjustments", new { credits = 100_000, reason = "fuzz credits", operationId = "seed" }, ct));
        await CrmApi.OkAsync(await _api.Http.PutAsJsonAsync($"tenants/{tenant}/customers/010-9000-0001", new { name = "김퍼즈", grade = "VIP", marketingConsent = true }, ct));
        await CrmApi.OkAsync(await _api.Http.PutAsJsonAsync($"tenants/{tenant}/groups/vip", new { name = "VIP", condition = "grade = 'VIP'" }, ct));
        await CrmApi.OkAsync(await _api.Http.PutAsJsonAsync($"tenants/{tenant}/funnel", new { stages = new[] { new { id = "app-writing", name = "지원서 작성 중", context = "writingApplication" } } }, ct));
        await CrmApi.OkAsync(await _api.Http.PutAsJsonAsync($"tenants/{tenant}/courses/fz-course", new { name = "UXUI 디자인" }, ct));
        await CrmApi.OkAsync(await _api.Http.PutAsJsonAsync($"tenants/{tenant}/cohorts/fz-cohort", new { courseId = "fz-course", name = "UXUI 3기", referenceDates = new { recruitmentEnd = "2025-11-14" } }, ct));
        return new FuzzTarget(tenant, spare, "010-9000-0001", "vip", line);
    }

    private async Task<(int Status, string Body)> SendAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = request.ContentType is null ? null : MediaTypeHeaderValue.Parse(request.ContentType);
        }

        if (request.IdempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await _api.Http.SendAsync(message, timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, "");
        }
        catch (HttpRequestException) when (request.Body?.Length > 1024 * 1024)
        {
            // Refused before the app read it (Kestrel refuses a NUL in the path): the server answers
            // and closes while this client is still sending, as HTTP allows. A crash would show in the next request.
            return (499, "");
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message);
        }
    }

    /// <summary>A stack trace or a .NET type name in an answer: internals shown to a caller.</summary>
    private static bool Leaks(string body) =>
        body.Contains("System.", StringComparison.Ordinal) || body.Contains("Crm.", StringComparison.Ordinal)
        || body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal);

    private async Task<string> LedgerAsync(string tenant)
    {
        var response = await _api.Http.GetAsync($"tenants/{tenant}/wallet/ledger?pageSize=1000", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wallet = await _api.Http.GetFromJsonAsync<JsonElement>($"tenants/{tenant}/wallet", TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) + " balance " + wallet.GetProperty("balance");
    }
}
