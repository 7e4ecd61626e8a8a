using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Rewards;
using Crm.Storage.Clients;

namespace Crm.Storage.Rewards;

/// <summary>
/// One partition per bucket (PartitionKey tenant_bucket, <see cref="PointsBuckets"/>): row "a" holds
/// the bucket's accounts as gzip'd JSON, "e_{phone}_{sequence}" the ledger and "op_{phone}_{id}" the
/// applied operations. A grant or deduction is one transaction of marker, entry (plus the customer's
/// unfiled expiries) and the accounts row under its ETag; an expiry run rewrites the accounts row only.
/// </summary>
public sealed class TablePointsStore(StorageClients clients) : IPointsStore
{
    private const string AccountsRow = "a";
    private const string AccountsProperty = "A";

    // The marker, the entry and the accounts row leave room for this many unfiled entries in one transaction.
    private const int MaxFiledPerChange = 90;
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Points);

    public async Task<PointsBucket> GetAsync(string tenantId, int bucket, CancellationToken cancellationToken)
    {
        var stored = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, bucket), AccountsRow, cancellationToken: cancellationToken);
        return stored.HasValue && stored.Value is { } entity
            ? new PointsBucket(tenantId, bucket, CompressedJson.Read<List<PointsAccount>>(entity, AccountsProperty) ?? [], entity.ETag.ToString())
            : new PointsBucket(tenantId, bucket, [], null);
    }

    public async Task<bool?> TryApplyAsync(PointsBucket bucket, PointsEntry entry, PointsAccount after, CancellationToken cancellationToken)
    {
        var partition = Partition(bucket.TenantId, bucket.Number);
        var unfiled = bucket.Account(after.Phone).Unfiled;
        var filed = unfiled.Take(MaxFiledPerChange).ToList();
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(partition, OperationRow(after.Phone, entry.OperationId)) { ["Sequence"] = entry.Sequence }),
        };
        actions.AddRange(filed.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partition, after.Phone, e))));
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, after.Phone, entry)));
        actions.Add(AccountsAction(bucket.With(after with { Unfiled = [.. unfiled.Skip(filed.Count)] })));

        try
        {
            await EntityTransactions.SubmitOneAsync(_table, actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && StorageErrors.IsAlreadyExists(ex))
        {
            return null;
        }
        catch (TableTransactionFailedException ex) when (StorageErrors.IsConcurrencyConflict(ex) || StorageErrors.IsAlreadyExists(ex))
        {
            return false;
        }
    }

    public async Task<bool> TrySaveAsync(PointsBucket bucket, CancellationToken cancellationToken)
    {
        try
        {
            await EntityTransactions.SubmitOneAsync(_table, [AccountsAction(bucket)], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (StorageErrors.IsConcurrencyConflict(ex) || StorageErrors.IsAlreadyExists(ex))
        {
            return false;
        }
    }

    public async Task<bool> HasOperationAsync(string tenantId, string phone, string operationId, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, PointsBuckets.Of(phone)), OperationRow(phone, operationId), select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;

    public async Task<IReadOnlyList<PointsEntry>> ListEntriesAsync(string tenantId, string phone, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        // The bucket first: an entry filed after this read is a row by the time the query runs.
        var number = PointsBuckets.Of(phone);
        var unfiled = (await GetAsync(tenantId, number, cancellationToken)).Account(phone).Unfiled.Where(e => e.Sequence > afterSequence).ToList();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(tenantId, number)} and RowKey gt {EntryRow(phone, afterSequence)} and RowKey lt {$"e_{phone}`"}");
        var filed = new List<PointsEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            filed.Add(new PointsEntry(
                e.GetInt64("Sequence") ?? 0, e.GetString("OperationId"), Enum.Parse<PointsReason>(e.GetString("Reason")),
                e.GetInt64("Amount") ?? 0, e.GetInt64("BalanceAfter") ?? 0, e.GetString("Reference"), e.GetDateTimeOffset("At") ?? default));
            if (filed.Count == limit)
            {
                break;
            }
        }

        return [.. filed.Concat(unfiled).DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence).Take(limit)];
    }

    private TableTransactionAction AccountsAction(PointsBucket bucket)
    {
        var entity = new TableEntity(Partition(bucket.TenantId, bucket.Number), AccountsRow);
        CompressedJson.Write(entity, AccountsProperty, bucket.Accounts.OrderBy(a => a.Phone, StringComparer.Ordinal).ToList());
        return bucket.Version is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(bucket.Version));
    }

    private static TableEntity ToEntity(string partition, string phone, PointsEntry entry) => new(partition, EntryRow(phone, entry.Sequence))
    {
        ["Sequence"] = entry.Sequence,
        ["OperationId"] = entry.OperationId,
        ["Reason"] = entry.Reason.ToString(),
        ["Amount"] = entry.Amount,
        ["BalanceAfter"] = entry.BalanceAfter,
        ["Reference"] = entry.Reference,
        ["At"] = entry.At,
    };

    private static string Partition(string tenantId, int bucket) => $"{tenantId}_{bucket.ToString("D4", CultureInfo.InvariantCulture)}";

    private static string EntryRow(string phone, long sequence) => $"e_{phone}_{sequence.ToString("D10", CultureInfo.InvariantCulture)}";

    private static string OperationRow(string phone, string operationId) => $"op_{phone}_{operationId}";
}
