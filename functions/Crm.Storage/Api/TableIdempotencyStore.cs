using Azure;
using Azure.Data.Tables;
using Crm.Core.Api;
using Crm.Storage.Clients;

namespace Crm.Storage.Api;

/// <summary>
/// Idempotency keys live beside the tenant's campaigns (PartitionKey = tenant, RowKey "idem_{key}"):
/// an insert claims the key, so two concurrent requests with one key cannot both run.
/// </summary>
public sealed class TableIdempotencyStore(StorageClients clients) : IIdempotencyStore
{
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Campaigns);

    public async Task<(bool Claimed, StoredResponse? Earlier)> TryClaimAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(tenantId, Row(key)) { ["Type"] = "idempotency", ["ClaimedAt"] = now }, cancellationToken);
            return (true, null);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsAlreadyExists(ex))
        {
            var e = (await _table.GetEntityAsync<TableEntity>(tenantId, Row(key), cancellationToken: cancellationToken)).Value;
            return e.GetInt32("StatusCode") is { } status
                ? (false, new StoredResponse(status, e.GetString("Body"), e.GetString("Location"), e.GetBoolean("IsProblem") ?? false))
                : (false, null);
        }
    }

    public Task CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(
            new TableEntity(tenantId, Row(key))
            {
                ["Type"] = "idempotency",
                ["StatusCode"] = response.StatusCode,
                ["Body"] = response.Body,
                ["Location"] = response.Location,
                ["IsProblem"] = response.IsProblem,
            },
            TableUpdateMode.Merge,
            cancellationToken);

    public Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(tenantId, Row(key), ETag.All, cancellationToken);

    private static string Row(string key) => $"idem_{key}";
}
