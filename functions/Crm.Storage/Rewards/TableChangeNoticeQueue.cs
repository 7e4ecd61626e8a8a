using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Rewards;
using Crm.Storage.Clients;

namespace Crm.Storage.Rewards;

/// <summary>
/// Pending change notices: PartitionKey tenant, RowKey "{ticks}_{phone}_{operationId}" (time order;
/// the operation id makes a repeated write the same row). Small by nature: emptied every few seconds.
/// </summary>
public sealed class TableChangeNoticeQueue(StorageClients clients) : IChangeNoticeQueue
{
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.PointsChangeNotices);

    public Task AddAsync(string tenantId, string phone, string operationId, long change, PointsReason reason, long balance, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(
            new TableEntity(tenantId, $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}_{phone}_{operationId}")
            {
                ["Phone"] = phone,
                ["Change"] = change,
                ["Reason"] = reason.ToString(),
                ["Balance"] = balance,
                ["At"] = at,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<IReadOnlyList<PendingChangeNotice>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<PendingChangeNotice>();
        await foreach (var e in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            list.Add(new PendingChangeNotice(
                e.PartitionKey, e.RowKey, e.GetString("Phone"), e.GetInt64("Change") ?? 0, Enum.Parse<PointsReason>(e.GetString("Reason")), e.GetInt64("Balance") ?? 0, e.GetDateTimeOffset("At") ?? default));
        }

        return list;
    }

    public Task RemoveAsync(IReadOnlyList<PendingChangeNotice> notices, CancellationToken cancellationToken) =>
        EntityTransactions.SubmitAsync(
            _table,
            notices.Select(n => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(n.TenantId, n.Key), ETag.All)),
            cancellationToken);
}
