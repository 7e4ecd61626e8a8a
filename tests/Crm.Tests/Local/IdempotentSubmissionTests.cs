using System.Text;
using Azure.Data.Tables;
using Crm.Core.Api;
using Crm.Core.Campaigns;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Local;

/// <summary>D9 for a submission under an Idempotency-Key whose run died after storing the campaign.</summary>
public sealed class IdempotentSubmissionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_retry_that_takes_over_from_a_run_that_died_after_storing_the_campaign_registers_nothing_new()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));
        using var services = CrmServices.Create(azurite, time);
        var tenant = await services.NewTenantAsync(100);
        var api = services.GetRequiredService<CampaignApi>();
        const string body = """{ "channel": "sms", "kind": "informational", "senderNumber": "0212345678", "content": "배송이 시작되었습니다", "recipients": [ { "phone": "010-5000-0001" } ] }""";
        ApiRequest Request() => new(
            new Dictionary<string, string> { ["tenantId"] = tenant }, new MemoryStream(Encoding.UTF8.GetBytes(body)), Headers: new Dictionary<string, string> { [IdempotentRequests.Header] = "order-1" });

        var first = await api.SubmitAsync(Request(), ct);

        // The process died between storing the campaign and keeping the response under the key.
        var keys = azurite.NewClients().Tables.GetTableClient(TableNames.Campaigns);
        var claim = (await keys.GetEntityAsync<TableEntity>(tenant, "idem_order-1", cancellationToken: ct)).Value;
        await keys.UpsertEntityAsync(
            new TableEntity(tenant, claim.RowKey) { ["Type"] = claim["Type"], ["Fingerprint"] = claim["Fingerprint"], ["ClaimedAt"] = claim["ClaimedAt"], ["LeaseUntil"] = claim["LeaseUntil"] },
            TableUpdateMode.Replace,
            ct);
        time.Advance(IdempotentRequests.Lease + TimeSpan.FromSeconds(1));
        var retry = await api.SubmitAsync(Request(), ct);

        Assert.Equal((202, 202), (first.StatusCode, retry.StatusCode));
        Assert.Equal(first.Location, retry.Location);
        var listed = await services.GetRequiredService<CampaignService>().ListAsync(tenant, null, 10, ct);
        Assert.Single(listed.Items);
    }
}
