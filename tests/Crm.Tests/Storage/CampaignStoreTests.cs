using Crm.Core.Campaigns;
using Crm.Core.Delivery;
using Crm.Storage.Campaigns;
using Crm.Storage.Delivery;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Storage;

public sealed class CampaignStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static Campaign NewCampaign(int recipients, DateTimeOffset? sendAt = null) => new()
    {
        TenantId = Ids.Tenant(),
        CampaignId = Ids.Campaign(),
        Channel = Channel.Sms,
        Kind = CampaignKind.Informational,
        SenderNumber = "0212345678",
        Content = "#{name}님 배송이 시작되었습니다",
        CreatedAt = Now,
        SendAt = sendAt ?? Now,
        RecipientCount = recipients,
    };

    private static List<Recipient> People(int n) =>
        Enumerable.Range(0, n).Select(i => new Recipient($"010{i:D8}", new Dictionary<string, string> { ["name"] = $"고객{i}" })).ToList();

    [Fact]
    public async Task The_audience_round_trips_in_order_in_chunks_of_1000()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var store = new TableCampaignStore(clients);
        var campaign = NewCampaign(2500);
        var people = People(2500);

        await store.CreateAsync(campaign, people, ct);
        var writes = clients.Counter.Total;
        var chunks = await store.ReadRecipientsAsync(campaign.TenantId, campaign.CampaignId, ct).ToListAsync(ct);

        Assert.Equal([1000, 1000, 500], chunks.Select(c => c.Count));
        Assert.Equal(people.Select(p => p.Phone), chunks.SelectMany(c => c).Select(r => r.Phone));
        Assert.Equal("고객2499", chunks[2][^1].Variables!["name"]);
        Assert.Equal(3, writes); // due entry, one transaction of 3 chunks, the campaign
    }

    [Fact]
    public async Task A_stale_campaign_update_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new TableCampaignStore(azurite.NewClients());
        var created = NewCampaign(1);
        await store.CreateAsync(created, People(1), ct);
        var read = (await store.GetAsync(created.TenantId, created.CampaignId, ct))!;

        Assert.True(await store.TryUpdateAsync(read with { Status = CampaignStatus.Sending, BatchCount = 1 }, ct));
        Assert.False(await store.TryUpdateAsync(read with { Status = CampaignStatus.Completed }, ct));
        Assert.Equal(CampaignStatus.Sending, (await store.GetAsync(created.TenantId, created.CampaignId, ct))!.Status);
    }

    [Fact]
    public async Task Concurrent_and_repeated_batch_completions_each_count_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new TableCampaignStore(azurite.NewClients());
        var created = NewCampaign(8000);
        await store.CreateAsync(created, [], ct);
        var read = (await store.GetAsync(created.TenantId, created.CampaignId, ct))!;
        Assert.True(await store.TryUpdateAsync(read with { Status = CampaignStatus.Sending, BatchCount = 8 }, ct));

        // Eight batches finish at once, and each completion is delivered twice (at-least-once activities).
        var completions = Enumerable.Range(1, 8).SelectMany(n => new[] { n, n })
            .Select(n => store.ApplyBatchCompletionAsync(new BatchCompletion(new BatchRef(created.TenantId, created.CampaignId, n), 990, 10), Now, ct));
        await Task.WhenAll(completions);

        var final = (await store.GetAsync(created.TenantId, created.CampaignId, ct))!;
        Assert.Equal(8, final.BatchesCompleted);
        Assert.Equal(7920, final.Sent);
        Assert.Equal(80, final.Failed);
        Assert.Equal(CampaignStatus.Completed, final.Status);
        Assert.Equal(0, final.Queued);
    }

    [Fact]
    public async Task Due_campaigns_are_listed_by_send_time_and_removed_once_dispatched()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new TableCampaignStore(azurite.NewClients());
        var now = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromMinutes(Random.Shared.Next(100_000));
        var due = NewCampaign(1, now.AddMinutes(-1));
        var later = NewCampaign(1, now.AddMinutes(1));
        await store.CreateAsync(due, People(1), ct);
        await store.CreateAsync(later, People(1), ct);

        var listed = await store.ListDueAsync(now, ct);
        Assert.Contains(listed, d => d.CampaignId == due.CampaignId);
        Assert.DoesNotContain(listed, d => d.CampaignId == later.CampaignId);

        var entry = listed.Single(d => d.CampaignId == due.CampaignId);
        await store.RemoveDueAsync(entry, ct);
        await store.RemoveDueAsync(entry, ct); // a repeated dispatch removes nothing and does not fail
        Assert.DoesNotContain(await store.ListDueAsync(now, ct), d => d.CampaignId == due.CampaignId);
    }

    [Fact]
    public async Task A_batch_of_1000_is_one_small_entity()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var store = new TableBatchStore(clients);
        var batch = new Batch(new BatchRef(Ids.Tenant(), Ids.Campaign(), 1), People(1000));

        await store.SaveAsync([batch], ct);
        var read = await store.GetAsync(batch.Ref, ct);

        Assert.Equal(batch.Recipients, read!.Recipients, (a, b) => a.Phone == b.Phone && a.Variables!["name"] == b.Variables!["name"]);
        Assert.Equal(2, clients.Counter.Total);
    }
}
