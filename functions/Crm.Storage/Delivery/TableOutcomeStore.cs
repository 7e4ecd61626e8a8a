using System.Globalization;
using Azure.Data.Tables;
using Crm.Core.Delivery;
using Crm.Storage.Clients;

namespace Crm.Storage.Delivery;

/// <summary>
/// One entity per recipient outcome (C6), PartitionKey tenant_campaign and RowKey
/// batch_index, so a campaign's history pages in send order and a batch writes in 10 transactions.
/// </summary>
public sealed class TableOutcomeStore(StorageClients clients) : IOutcomeStore
{
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Outcomes);

    public Task SaveAsync(IReadOnlyList<RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        var actions = outcomes.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(o)));
        return EntityTransactions.SubmitAsync(_table, actions, cancellationToken);
    }

    public async Task<IReadOnlyList<RecipientOutcome>> ListAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        var partition = Keys.Campaign(batch.TenantId, batch.CampaignId);
        var prefix = Keys.Number(batch.BatchNumber);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix + "_"} and RowKey lt {prefix + "`"}");
        var list = new List<RecipientOutcome>(Batch.Size);
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(batch, e));
        }

        return list;
    }

    private static TableEntity ToEntity(RecipientOutcome o) => new(Keys.Campaign(o.Batch.TenantId, o.Batch.CampaignId), RowKey(o.Batch, o.Index))
    {
        ["Phone"] = o.Phone,
        ["Channel"] = o.Channel.ToString(),
        ["Status"] = o.Status.ToString(),
        ["ProviderMessageId"] = o.ProviderMessageId,
        ["FailureCode"] = o.FailureCode,
        ["FailureReason"] = o.FailureReason,
        ["At"] = o.At,
    };

    private static RecipientOutcome FromEntity(BatchRef batch, TableEntity e) => new(
        batch,
        int.Parse(e.RowKey.AsSpan(e.RowKey.IndexOf('_') + 1), CultureInfo.InvariantCulture),
        e.GetString("Phone"),
        Enum.Parse<Channel>(e.GetString("Channel")),
        Enum.Parse<OutcomeStatus>(e.GetString("Status")),
        e.GetString("ProviderMessageId"),
        e.GetString("FailureCode"),
        e.GetString("FailureReason"),
        e.GetDateTimeOffset("At") ?? default);

    private static string RowKey(BatchRef batch, int index) => $"{Keys.Number(batch.BatchNumber)}_{index.ToString("D4", CultureInfo.InvariantCulture)}";
}
