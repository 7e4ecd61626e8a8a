using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Rewards;
using Crm.Storage.Clients;

namespace Crm.Storage.Rewards;

/// <summary>
/// One partition per customer (PartitionKey tenant_phone): row "a" the balance, "e_{sequence}" the
/// ledger, "g_{grantId}" the grants, "op_{operationId}" the applied operations. A change is one
/// transaction of marker, entry, balance (under its ETag) and the grants it touches.
/// </summary>
public sealed class TablePointsStore(StorageClients clients) : IPointsStore
{
    private const string AccountRow = "a";
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Points);

    public async Task<PointsAccount> GetAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId, phone);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and (RowKey eq {AccountRow} or (RowKey ge {"g_"} and RowKey lt {"g`"}))");
        TableEntity? account = null;
        var grants = new List<PointsGrant>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (e.RowKey == AccountRow)
            {
                account = e;
            }
            else
            {
                grants.Add(new PointsGrant(
                    e.RowKey[2..], e.GetInt64("Amount") ?? 0, e.GetInt64("Remaining") ?? 0, Enum.Parse<PointsReason>(e.GetString("Reason")),
                    e.GetDateTimeOffset("GrantedAt") ?? default, e.GetDateTimeOffset("ExpiresAt") ?? default));
            }
        }

        return account is null
            ? PointsAccount.Empty(tenantId, phone) with { Grants = grants }
            : new PointsAccount(tenantId, phone, account.GetInt64("Balance") ?? 0, account.GetInt64("LastSequence") ?? 0, grants, account.ETag.ToString());
    }

    public async Task<bool?> TryApplyAsync(PointsAccount account, PointsEntry entry, IReadOnlyList<PointsGrant> changedGrants, CancellationToken cancellationToken)
    {
        var partition = Partition(account.TenantId, account.Phone);
        var balance = new TableEntity(partition, AccountRow) { ["Balance"] = entry.BalanceAfter, ["LastSequence"] = entry.Sequence };
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(partition, $"op_{entry.OperationId}") { ["Sequence"] = entry.Sequence }),
            new(TableTransactionActionType.Add, new TableEntity(partition, EntryRow(entry.Sequence))
            {
                ["OperationId"] = entry.OperationId,
                ["Reason"] = entry.Reason.ToString(),
                ["Amount"] = entry.Amount,
                ["BalanceAfter"] = entry.BalanceAfter,
                ["Reference"] = entry.Reference,
                ["At"] = entry.At,
            }),
            account.Version is null
                ? new(TableTransactionActionType.Add, balance)
                : new(TableTransactionActionType.UpdateReplace, balance, new ETag(account.Version)),
        };
        actions.AddRange(changedGrants.Select(g => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, $"g_{g.GrantId}")
        {
            ["Amount"] = g.Amount,
            ["Remaining"] = g.Remaining,
            ["Reason"] = g.Reason.ToString(),
            ["GrantedAt"] = g.GrantedAt,
            ["ExpiresAt"] = g.ExpiresAt,
        })));

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

    public async Task<bool> HasOperationAsync(string tenantId, string phone, string operationId, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId, phone), $"op_{operationId}", select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;

    public async Task<IReadOnlyList<PointsEntry>> ListEntriesAsync(string tenantId, string phone, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(tenantId, phone)} and RowKey gt {EntryRow(afterSequence)} and RowKey lt {"e`"}");
        var list = new List<PointsEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            list.Add(new PointsEntry(
                long.Parse(e.RowKey[2..], CultureInfo.InvariantCulture), e.GetString("OperationId"), Enum.Parse<PointsReason>(e.GetString("Reason")),
                e.GetInt64("Amount") ?? 0, e.GetInt64("BalanceAfter") ?? 0, e.GetString("Reference"), e.GetDateTimeOffset("At") ?? default));
            if (list.Count == limit)
            {
                break;
            }
        }

        return list;
    }

    private static string Partition(string tenantId, string phone) => $"{tenantId}_{phone}";

    private static string EntryRow(long sequence) => $"e_{sequence.ToString("D10", CultureInfo.InvariantCulture)}";
}
