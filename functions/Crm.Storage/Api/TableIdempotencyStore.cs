using Azure;
using Azure.Data.Tables;
using Crm.Core.Api;
using Crm.Storage.Clients;

namespace Crm.Storage.Api;

/// <summary>
/// Idempotency keys live beside the tenant's campaigns (PartitionKey = tenant, RowKey "idem_{key}"):
/// an insert claims the key, so two concurrent requests with one key cannot both run; a takeover
/// after a lease ran out is an update on the ETag read, so only one retry wins it.
/// </summary>
public sealed class TableIdempotencyStore(StorageClients clients) : IIdempotencyStore
{
    private const string Type = "idempotency";

    // A key is released only after a 400, so an insert that keeps missing a key that keeps vanishing is a bug.
    private const int MaxAttempts = 5;

    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Campaigns);

    public async Task<IdempotencyRecord?> TryAddAsync(string tenantId, string key, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                await _table.AddEntityAsync(
                    new TableEntity(tenantId, Row(key))
                    {
                        ["Type"] = Type,
                        ["Fingerprint"] = record.Fingerprint,
                        ["ClaimedAt"] = record.ClaimedAt,
                        ["LeaseUntil"] = record.LeaseUntil,
                    },
                    cancellationToken);
                return null;
            }
            catch (RequestFailedException ex) when (StorageErrors.IsAlreadyExists(ex))
            {
                var existing = await _table.GetEntityIfExistsAsync<TableEntity>(tenantId, Row(key), cancellationToken: cancellationToken);
                if (existing.HasValue && existing.Value is { } e)
                {
                    return FromEntity(e);
                }
            }
        }

        throw new InvalidOperationException($"The Idempotency-Key {key} of {tenantId} was released {MaxAttempts} times while it was being claimed.");
    }

    public async Task<bool> TryTakeOverAsync(string tenantId, string key, IdempotencyRecord current, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(tenantId, Row(key)) { ["LeaseUntil"] = leaseUntil }, new ETag(current.Version!), TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsConcurrencyConflict(ex) || StorageErrors.IsNotFound(ex))
        {
            return false;
        }
    }

    public Task CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(
            new TableEntity(tenantId, Row(key))
            {
                ["StatusCode"] = response.StatusCode,
                ["Body"] = response.Body,
                ["Location"] = response.Location,
                ["IsProblem"] = response.IsProblem,
            },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    public Task EndLeaseAsync(string tenantId, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(new TableEntity(tenantId, Row(key)) { ["LeaseUntil"] = now }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    public Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(tenantId, Row(key), ETag.All, cancellationToken);

    private static string Row(string key) => $"idem_{key}";

    private static IdempotencyRecord FromEntity(TableEntity e)
    {
        var claimedAt = e.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue;
        var response = e.GetInt32("StatusCode") is { } status
            ? new StoredResponse(status, e.GetString("Body"), e.GetString("Location"), e.GetBoolean("IsProblem") ?? false)
            : null;
        return new IdempotencyRecord(e.GetString("Fingerprint") ?? string.Empty, claimedAt, e.GetDateTimeOffset("LeaseUntil") ?? claimedAt, response, e.ETag.ToString());
    }
}
