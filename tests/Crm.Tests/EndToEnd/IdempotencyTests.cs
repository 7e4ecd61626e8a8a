using System.Net;
using System.Net.Http.Json;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Tests.Fixtures;

namespace Crm.Tests.EndToEnd;

/// <summary>The Idempotency-Key header on campaign submission: the first response, forever.</summary>
[Collection(CrmLocalCollection.Name)]
public sealed class IdempotencyTests(CrmLocalFixture local)
{
    private readonly CrmApi _api = new(local);

    private async Task<HttpResponseMessage> PostAsync(string tenant, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"tenants/{tenant}/campaigns") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

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
        Assert.NotEqual(firstView.CampaignId, otherView.CampaignId);

        await _api.WaitUntilFinishedAsync(tenant, firstView.CampaignId);
        await _api.WaitUntilFinishedAsync(tenant, otherView.CampaignId);
        Assert.Equal(5, (await _api.SandboxAsync(firstView.CampaignId)).Count);
        var listed = (await local.GetAsync<CampaignList>($"tenants/{tenant}/campaigns"))!;
        Assert.Equal(2, listed.Items.Count);
        Assert.Equal(90, (await _api.WalletAsync(tenant)).Balance);
    }

    [Fact]
    public async Task A_rejected_submission_stays_rejected_under_the_same_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await _api.NewTenantAsync(100);

        var first = await PostAsync(tenant, "k-400", new { channel = "sms" });
        var fixedBody = await PostAsync(tenant, "k-400", Sms(1));

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fixedBody.StatusCode);
        Assert.Equal("application/problem+json", fixedBody.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await fixedBody.Content.ReadAsStringAsync(ct));
    }

    private sealed record CampaignList(List<CampaignView> Items, string? ContinuationToken);
}
