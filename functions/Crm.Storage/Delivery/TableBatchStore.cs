using Azure.Data.Tables;
using Crm.Core.Delivery;
using Crm.Storage.Clients;

namespace Crm.Storage.Delivery;

/// <summary>One entity per batch of 1,000: PartitionKey tenant_campaign, RowKey the batch number.</summary>
public sealed class TableBatchStore(StorageClients clients) : IBatchStore
{
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Batches);

    public Task SaveAsync(IReadOnlyList<Batch> batches, CancellationToken cancellationToken)
    {
        var actions = batches.Select(b =>
        {
            var entity = new TableEntity(Keys.Campaign(b.Ref.TenantId, b.Ref.CampaignId), Keys.Number(b.Ref.BatchNumber));
            RecipientCodec.Write(entity, b.Recipients);
            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
        });
        return EntityTransactions.SubmitAsync(_table, actions, cancellationToken);
    }

    public async Task<Batch?> GetAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(
            Keys.Campaign(batch.TenantId, batch.CampaignId), Keys.Number(batch.BatchNumber), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? new Batch(batch, RecipientCodec.Read(entity)) : null;
    }
}
