using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Rewards;
using Crm.Storage.Audiences;
using Crm.Storage.Clients;

namespace Crm.Storage.Rewards;

/// <summary>
/// Grants by expiry: PartitionKey tenant_shard (16 shards by phone, so granting is not capped by one
/// partition's 2,000 writes/s), RowKey "{expiresAt UTC}_{phone}_{grantId}", so "what expires by X"
/// is a row-key range read in each shard.
/// </summary>
public sealed class TablePointsExpiryIndex(StorageClients clients) : IPointsExpiryIndex
{
    private const int Shards = 16;
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.PointsExpiry);

    public Task AddAsync(string tenantId, ExpiryIndexEntry entry, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition(tenantId, entry.Phone), Row(entry)) { ["Amount"] = entry.Amount }, TableUpdateMode.Replace, cancellationToken);

    public async IAsyncEnumerable<ExpiryIndexEntry> ListAsync(string tenantId, DateTimeOffset? after, DateTimeOffset upTo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = after is { } a ? Time(a) + "~" : string.Empty;
        var to = Time(upTo) + "~";
        for (var shard = 0; shard < Shards; shard++)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {$"{tenantId}_{shard:D2}"} and RowKey gt {from} and RowKey lt {to}");
            await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var parts = e.RowKey.Split('_', 3);
                yield return new ExpiryIndexEntry(
                    parts[1], parts[2], DateTimeOffset.ParseExact(parts[0], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), e.GetInt64("Amount") ?? 0);
            }
        }
    }

    public async Task RemoveAsync(string tenantId, IReadOnlyList<ExpiryIndexEntry> entries, CancellationToken cancellationToken)
    {
        var deletes = entries.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition(tenantId, e.Phone), Row(e)), ETag.All));
        await EntityTransactions.SubmitAsync(_table, deletes, cancellationToken);
    }

    private static string Partition(string tenantId, string phone) => $"{tenantId}_{TableCustomerStore.BucketOf(phone) % Shards:D2}";

    private static string Row(ExpiryIndexEntry e) => $"{Time(e.ExpiresAt)}_{e.Phone}_{e.GrantId}";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
