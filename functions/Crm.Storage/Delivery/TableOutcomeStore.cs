using System.Globalization;
using Azure.Data.Tables;
using Crm.Core.Common;
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
            list.Add(FromEntity(batch.TenantId, batch.CampaignId, e));
        }

        return list;
    }

    public async Task<ResultPage<RecipientOutcome>> ListPageAsync(
        string tenantId, string campaignId, OutcomeStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var partition = Keys.Campaign(tenantId, campaignId);
        var filter = status is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Status eq {status.ToString()}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return new ResultPage<RecipientOutcome>(page.Values.Select(e => FromEntity(tenantId, campaignId, e)).ToList(), page.ContinuationToken);
        }

        return new ResultPage<RecipientOutcome>([], null);
    }

    private static TableEntity ToEntity(RecipientOutcome o) => new(Keys.Campaign(o.Batch.TenantId, o.Batch.CampaignId), RowKey(o.Batch, o.Index) + (o.IsFallback ? "_fb" : string.Empty))
    {
        ["Phone"] = o.Phone,
        ["Channel"] = o.Channel.ToString(),
        ["Status"] = o.Status.ToString(),
        ["ProviderMessageId"] = o.ProviderMessageId,
        ["FailureCode"] = o.FailureCode,
        ["FailureReason"] = o.FailureReason,
        ["At"] = o.At,
        ["CreditsCharged"] = o.CreditsCharged,
        ["CreditsRefunded"] = o.CreditsRefunded,
        ["IsFallback"] = o.IsFallback,
    };

    // Row keys: "00003_0042" for the original send, "00003_0042_fb" for its fallback.
    private static RecipientOutcome FromEntity(string tenantId, string campaignId, TableEntity e)
    {
        var parts = e.RowKey.Split('_');
        return new RecipientOutcome(
            new BatchRef(tenantId, campaignId, int.Parse(parts[0], CultureInfo.InvariantCulture)),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            e.GetString("Phone"),
            Enum.Parse<Channel>(e.GetString("Channel")),
            Enum.Parse<OutcomeStatus>(e.GetString("Status")),
            e.GetString("ProviderMessageId"),
            e.GetString("FailureCode"),
            e.GetString("FailureReason"),
            e.GetDateTimeOffset("At") ?? default,
            e.GetInt64("CreditsCharged") ?? 0,
            e.GetInt64("CreditsRefunded") ?? 0,
            e.GetBoolean("IsFallback") ?? false);
    }

    private static string RowKey(BatchRef batch, int index) => $"{Keys.Number(batch.BatchNumber)}_{index.ToString("D4", CultureInfo.InvariantCulture)}";
}
