using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>
/// The Idempotency-Key header on campaign submission and top-ups: the first response, forever, for
/// the same request; a 422 for another request; a 409 with Retry-After while the first runs.
/// </summary>
[Collection(CrmLocalCollection.Name)]
public sealed class IdempotencyTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    private async Task<HttpResponseMessage> PostAsync(string tenant, string key, object body, string route = "campaigns")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"tenants/{tenant}/{route}") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> ErrorsOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").ToString();

    private static object Sms(int n) => new
    {
        channel = "sms",
        kind = "informational",
        senderNumber = CrmApi.Sender,
        content = "결제가 완료되었습니다.",
        recipients = CrmApi.Phones(n, 400_000).Select(p => new { phone = p }),
    };

    [Fact]
    public async Task A_retried_submission_returns_the_first_campaign_and_sends_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _api.NewTenantAsync(100);

        var first = await PostAsync(tenant, "order-7781", Sms(5));
        var retry = await PostAsync(tenant, "order-7781", Sms(5));
        var other = await PostAsync(tenant, "order-7782", Sms(5));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var firstView = (await first.Content.ReadFromJsonAsync<CampaignView>(CrmJson.Options, ct))!;
        var retryView = (await retry.Content.ReadFromJsonAsync<CampaignView>(CrmJson.Options, ct))!;
        var otherView = (await other.Content.ReadFromJsonAsync<CampaignView>(CrmJson.Options, ct))!;
        Assert.Equal(firstView.CampaignId, retryView.CampaignId);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.NotEqual(firstView.CampaignId, otherView.CampaignId);

        await _api.WaitUntilFinishedAsync(tenant, firstView.CampaignId);
        await _api.WaitUntilFinishedAsync(tenant, otherView.CampaignId);
        Assert.Equal(5, (await _api.SandboxAsync(firstView.CampaignId)).Count);
        var listed = (await local.GetAsync<CampaignList>($"tenants/{tenant}/campaigns"))!;
        Assert.Equal(2, listed.Items.Count);
        Assert.Equal(90, (await _api.WalletAsync(tenant)).Balance);
    }

    [Fact]
    public async Task A_rejected_submission_did_nothing_so_its_key_is_free_for_the_corrected_one()
    {
        var tenant = await _api.NewTenantAsync(100);

        var first = await PostAsync(tenant, "k-400", new { channel = "sms" });
        var corrected = await PostAsync(tenant, "k-400", Sms(1));
        var retry = await PostAsync(tenant, "k-400", Sms(1));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, corrected.StatusCode, retry.StatusCode));
        Assert.Equal(corrected.Headers.Location, retry.Headers.Location);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_registers_nothing()
    {
        var tenant = await _api.NewTenantAsync(100);

        var first = await PostAsync(tenant, "order-9", Sms(2));
        var other = await PostAsync(tenant, "order-9", Sms(3));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.UnprocessableEntity), (first.StatusCode, other.StatusCode));
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", await ErrorsOfAsync(other));
        Assert.Single((await local.GetAsync<CampaignList>($"tenants/{tenant}/campaigns"))!.Items);
    }

    [Fact]
    public async Task A_top_up_key_reused_with_another_package_or_card_is_a_422_and_pays_once()
    {
        var tenant = await _api.NewTenantAsync(0);

        var first = await PostAsync(tenant, "topup-1", new { packageCredits = 500, cardToken = "card-ok" }, "wallet/top-ups");
        var retry = await PostAsync(tenant, "topup-1", new { packageCredits = 500, cardToken = "card-ok" }, "wallet/top-ups");
        var otherPackage = await PostAsync(tenant, "topup-1", new { packageCredits = 2500, cardToken = "card-ok" }, "wallet/top-ups");
        var otherCard = await PostAsync(tenant, "topup-1", new { packageCredits = 500, cardToken = "card-other" }, "wallet/top-ups");
        var otherRoute = await PostAsync(tenant, "topup-1", Sms(1));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.All([otherPackage, otherCard, otherRoute], r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(500, (await _api.WalletAsync(tenant)).Balance);
        Assert.Single(await _api.AssertLedgerSumsAsync(tenant));
    }

    [Fact]
    public async Task Concurrent_duplicates_register_one_campaign_and_any_that_overlap_the_first_are_told_to_retry()
    {
        var tenant = await _api.NewTenantAsync(10_000);
        var body = Sms(3000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(tenant, "burst-1", body)));

        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"{response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Single(responses.Where(r => r.StatusCode == HttpStatusCode.Accepted).Select(r => r.Headers.Location).Distinct());
        var listed = (await local.GetAsync<CampaignList>($"tenants/{tenant}/campaigns"))!.Items;
        Assert.Single(listed);
        await _api.WaitUntilFinishedAsync(tenant, listed[0].CampaignId);
        Assert.Equal(3000, (await _api.SandboxAsync(listed[0].CampaignId)).Count);
    }

    private sealed record CampaignList(List<CampaignView> Items, string? ContinuationToken);
}
