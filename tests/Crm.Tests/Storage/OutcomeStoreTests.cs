using Crm.Core.Delivery;
using Crm.Storage.Delivery;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Storage;

/// <summary>
/// Outcomes kept per batch (one entity each, batch 0 chunked by 1,000) on a real Azurite: the history
/// pages in send order with fallbacks beside their originals, the status filter runs on the server
/// and skips batches without a match, and concurrent changes of one batch never lose each other.
/// </summary>
public sealed class OutcomeStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private static RecipientOutcome Outcome(BatchRef batch, int index, OutcomeStatus status, bool fallback = false) =>
        new(batch, index, $"010{batch.BatchNumber:D3}{index:D5}", fallback ? Channel.Sms : Channel.AlimTalk, status, null, status == OutcomeStatus.Failed ? "3107" : null, null, Now, 1, status == OutcomeStatus.Failed ? 1 : 0, fallback);

    [Fact]
    public async Task The_history_pages_in_send_order_across_chunked_skips_and_batches_and_filters_by_status_on_the_server()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var store = new TableOutcomeStore(clients);
        var (tenant, campaign) = (Ids.Tenant(), Ids.Campaign());
        var skipped = Enumerable.Range(0, 2_500).Select(i => Outcome(new BatchRef(tenant, campaign, 0), i, OutcomeStatus.Skipped)).ToList();
        var first = Enumerable.Range(0, 1_000).Select(i => Outcome(new BatchRef(tenant, campaign, 1), i, i % 100 == 7 ? OutcomeStatus.Failed : OutcomeStatus.Sent)).ToList();
        var fallbacks = first.Where(o => o.Status == OutcomeStatus.Failed).Select(o => Outcome(o.Batch, o.Index, OutcomeStatus.Sent, fallback: true)).ToList();
        var second = Enumerable.Range(0, 300).Select(i => Outcome(new BatchRef(tenant, campaign, 2), i, OutcomeStatus.Sent)).ToList();

        await store.SaveAsync(skipped, ct);
        await store.SaveAsync([.. first, .. second], ct);
        await store.SaveAsync(fallbacks, ct);

        var all = new List<RecipientOutcome>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListPageAsync(tenant, campaign, null, token, 700, ct);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(2_500 + 1_000 + 10 + 300, all.Count);
        Assert.Equal((int)Math.Ceiling(all.Count / 700.0), pages);
        Assert.Equal(all.OrderBy(o => o.Batch.BatchNumber).ThenBy(o => o.Index).ThenBy(o => o.IsFallback), all);
        Assert.All(fallbacks, f => Assert.Equal(all.IndexOf(all.Single(o => o.Batch == f.Batch && o.Index == f.Index && !o.IsFallback)) + 1, all.IndexOf(f)));

        clients.Counter.Reset();
        var failed = await store.ListPageAsync(tenant, campaign, OutcomeStatus.Failed, null, 1_000, ct);
        Assert.Equal(first.Where(o => o.Status == OutcomeStatus.Failed), failed.Items);
        Assert.Null(failed.ContinuationToken);
        Assert.Equal(1, clients.Counter.Total); // batch 0's three chunks and batch 2 have no failure: the server leaves them out
    }

    [Fact]
    public async Task A_fallback_written_between_two_pages_neither_repeats_nor_skips_a_row()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new TableOutcomeStore(azurite.NewClients());
        var batch = new BatchRef(Ids.Tenant(), Ids.Campaign(), 1);
        await store.SaveAsync(Enumerable.Range(0, 10).Select(i => Outcome(batch, i, OutcomeStatus.Failed)).ToList(), ct);

        var first = await store.ListPageAsync(batch.TenantId, batch.CampaignId, null, null, 5, ct);
        await store.SaveAsync(Enumerable.Range(0, 4).Select(i => Outcome(batch, i, OutcomeStatus.Sent, fallback: true)).ToList(), ct);
        var second = await store.ListPageAsync(batch.TenantId, batch.CampaignId, null, first.ContinuationToken, 5, ct);

        Assert.Equal([0, 1, 2, 3, 4], first.Items.Select(o => o.Index));
        Assert.Equal([5, 6, 7, 8, 9], second.Items.Select(o => o.Index));
        Assert.All(second.Items, o => Assert.False(o.IsFallback));
    }

    [Fact]
    public async Task Concurrent_changes_of_one_batch_are_all_kept_and_a_bad_token_is_a_validation_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new TableOutcomeStore(azurite.NewClients());
        var batch = new BatchRef(Ids.Tenant(), Ids.Campaign(), 1);
        await store.SaveAsync(Enumerable.Range(0, 50).Select(i => Outcome(batch, i, OutcomeStatus.Pending)).ToList(), ct);

        // 50 reports taken in at once, each by its own writer: every one must survive.
        await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, token) =>
            await store.UpdateAsync(batch, r => (r.With([Outcome(batch, i, OutcomeStatus.Sent)]), true), token));

        Assert.All(await store.ListAsync(batch, ct), o => Assert.Equal(OutcomeStatus.Sent, o.Status));
        await Assert.ThrowsAsync<Crm.Core.Common.CrmValidationException>(() => store.ListPageAsync(batch.TenantId, batch.CampaignId, null, "../../etc:1", 10, ct));
    }
}
