using Azure;
using Azure.Data.Tables;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Storage;

/// <summary>The Table Storage behaviour the stores rely on, checked against a real Azurite.</summary>
public sealed class TableStorageTests(AzuriteFixture azurite)
{
    private static TableEntity Row(string partition, int i) => new(partition, i.ToString("D5")) { ["N"] = i };

    [Fact]
    public async Task Writes_in_transactions_of_100_and_pages_past_1000_entities()
    {
        var clients = azurite.NewClients();
        var table = clients.Tables.GetTableClient(TableNames.Outcomes);
        var partition = Ids.Tenant();

        var transactions = await EntityTransactions.SubmitAsync(
            table, Enumerable.Range(0, 2345).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row(partition, i))), TestContext.Current.CancellationToken);
        Assert.Equal(24, transactions);
        Assert.Equal(24, clients.Counter.Total);

        var pages = 0;
        var seen = new List<int>();
        await foreach (var page in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: TestContext.Current.CancellationToken).AsPages())
        {
            pages++;
            seen.AddRange(page.Values.Select(e => e.GetInt32("N")!.Value));
        }

        Assert.True(pages >= 3, $"expected continuation past 1,000 entities, got {pages} page(s)");
        Assert.Equal(Enumerable.Range(0, 2345), seen);
    }

    [Fact]
    public async Task A_stale_etag_is_a_412_conflict()
    {
        var table = azurite.NewClients().Tables.GetTableClient(TableNames.Outcomes);
        var row = Row(Ids.Tenant(), 1);
        await table.AddEntityAsync(row, TestContext.Current.CancellationToken);
        var first = (await table.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: TestContext.Current.CancellationToken)).Value;
        first["N"] = 2;
        await table.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Replace, TestContext.Current.CancellationToken);

        first["N"] = 3;
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Replace, TestContext.Current.CancellationToken));
        Assert.Equal(412, ex.Status);
    }

    [Fact]
    public async Task A_duplicate_insert_is_a_409_conflict()
    {
        var table = azurite.NewClients().Tables.GetTableClient(TableNames.Outcomes);
        var row = Row(Ids.Tenant(), 1);
        await table.AddEntityAsync(row, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Row(row.PartitionKey, 1), TestContext.Current.CancellationToken));
        Assert.Equal(409, ex.Status);
    }

    [Fact]
    public async Task A_transaction_with_one_failing_operation_writes_nothing()
    {
        var table = azurite.NewClients().Tables.GetTableClient(TableNames.Outcomes);
        var partition = Ids.Tenant();
        await table.AddEntityAsync(Row(partition, 2), TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => EntityTransactions.SubmitOneAsync(
            table,
            [.. new[] { 1, 2, 3 }.Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row(partition, i)))],
            TestContext.Current.CancellationToken));

        Assert.Equal(1, ex.FailedTransactionActionIndex);
        var rows = await table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["00002"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Mixed_partitions_more_than_100_operations_or_more_than_the_payload_budget_are_refused_before_sending()
    {
        var clients = azurite.NewClients();
        var table = clients.Tables.GetTableClient(TableNames.Outcomes);

        // Azurite would accept a mixed-partition batch that Azure refuses: the check is ours.
        await Assert.ThrowsAsync<ArgumentException>(() => EntityTransactions.SubmitOneAsync(
            table, [new(TableTransactionActionType.Add, Row("a", 1)), new(TableTransactionActionType.Add, Row("b", 1))], TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => EntityTransactions.SubmitOneAsync(
            table, [.. Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row("a", i)))], TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => EntityTransactions.SubmitOneAsync(
            table, [.. Enumerable.Range(0, 60).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("a", i.ToString()) { ["Blob"] = new byte[60_000] }))], TestContext.Current.CancellationToken));
        Assert.Equal(0, clients.Counter.Total);
    }

    [Fact]
    public void Chunking_splits_by_partition_count_and_size()
    {
        var big = Enumerable.Range(0, 60).Select(i => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, new TableEntity("p", i.ToString("D3")) { ["Blob"] = new byte[60_000] }));
        var small = Enumerable.Range(0, 150).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row("q", i)));

        var chunks = EntityTransactions.Chunk(big.Concat(small)).ToList();

        Assert.All(chunks, c => EntityTransactions.EnsureValid(c));
        Assert.Equal(60, chunks.Where(c => c[0].Entity.PartitionKey == "p").Sum(c => c.Count));
        Assert.True(chunks.Count(c => c[0].Entity.PartitionKey == "p") >= 2, "60 × 80 KB of base64 must not fit one 4 MiB transaction");
        Assert.Equal([100, 50], chunks.Where(c => c[0].Entity.PartitionKey == "q").Select(c => c.Count));
    }
}
