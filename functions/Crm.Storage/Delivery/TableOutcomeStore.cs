using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Storage.Clients;
using Polly;

namespace Crm.Storage.Delivery;

/// <summary>
/// Outcomes (C6) per batch: one entity per batch (PartitionKey tenant_campaign, RowKey the batch
/// number) holding its originals and fallbacks as gzip'd JSON, with a count per status so the
/// history's status filter runs on the server, and the batch's claim and provider steps (group id,
/// report window closed). Recipients the dispatcher closed before any batch (batch 0, the night
/// rule's skips) are chunked by 1,000: "00000", "00000_00001", … Changes are read-modify-write under
/// the entity's ETag, so concurrent reports never lose each other's update. A batch of 1,000 costs
/// one read and one write instead of ten transactions of 100 rows.
/// </summary>
public sealed class TableOutcomeStore(StorageClients clients, TimeProvider? time = null) : IOutcomeStore
{
    private const int ChunkSize = Batch.Size;

    // Another writer changed (or created) the chunk first: read it again and retry.
    private readonly ResiliencePipeline _retry = ConflictRetry.OnException(
        e => e is RequestFailedException r && (StorageErrors.IsConcurrencyConflict(r) || StorageErrors.IsAlreadyExists(r)), time);
    private const string Data = "D";
    private const string ClaimProperty = "Claim";
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Outcomes);

    public async Task SaveAsync(IReadOnlyList<RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        var groups = outcomes.GroupBy(o => (o.Batch, Chunk: o.Index / ChunkSize)).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var added = group.ToList();
            await UpdateEntityAsync(group.Key.Batch, group.Key.Chunk, record => (record.With(added), true), ct);
        });
    }

    public async Task<IReadOnlyList<RecipientOutcome>> ListAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        if (batch.BatchNumber > 0)
        {
            return (await ReadAsync(batch, 0, cancellationToken)).Record.Outcomes;
        }

        var prefix = Keys.Number(0);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Campaign(batch.TenantId, batch.CampaignId)} and RowKey ge {prefix} and RowKey lt {prefix + "`"}");
        var list = new List<RecipientOutcome>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.AddRange(Outcomes(batch, entity));
        }

        return list;
    }

    public async Task<BatchOutcomes> GetAsync(BatchRef batch, CancellationToken cancellationToken) => (await ReadAsync(batch, 0, cancellationToken)).Record;

    public Task<T> UpdateAsync<T>(BatchRef batch, Func<BatchOutcomes, (BatchOutcomes? Updated, T Result)> change, CancellationToken cancellationToken) =>
        UpdateEntityAsync(batch, 0, change, cancellationToken);

    public async Task<ResultPage<RecipientOutcome>> ListPageAsync(
        string tenantId, string campaignId, OutcomeStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var (startRow, startKey) = ParseToken(continuationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Campaign(tenantId, campaignId)} and RowKey ge {startRow}");
        if (status is { } only)
        {
            filter += $" and {only} gt 0";
        }

        var items = new List<RecipientOutcome>(pageSize);
        // A few entities at a time: a page of 1,000 rarely needs more than two.
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 4, cancellationToken: cancellationToken))
        {
            var batch = new BatchRef(tenantId, campaignId, int.Parse(entity.RowKey.AsSpan(0, 5), CultureInfo.InvariantCulture));
            foreach (var o in Outcomes(batch, entity))
            {
                // The token names the next outcome by (index, fallback), not by position: a fallback written
                // into the batch between two pages shifts positions, never keys.
                var key = o.Index * 2 + (o.IsFallback ? 1 : 0);
                if ((entity.RowKey == startRow && key < startKey) || (status is { } s && o.Status != s))
                {
                    continue;
                }

                if (items.Count == pageSize)
                {
                    return new ResultPage<RecipientOutcome>(items, $"{entity.RowKey}:{key.ToString(CultureInfo.InvariantCulture)}");
                }

                items.Add(o);
            }
        }

        return new ResultPage<RecipientOutcome>(items, null);
    }

    private async Task<T> UpdateEntityAsync<T>(
        BatchRef batch, int chunk, Func<BatchOutcomes, (BatchOutcomes? Updated, T Result)> change, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async _ =>
        {
            var (record, etag) = await ReadAsync(batch, chunk, cancellationToken);
            var (updated, result) = change(record);
            if (updated is null)
            {
                return result;
            }

            var entity = ToEntity(batch, chunk, updated);
            if (etag is { } version)
            {
                await _table.UpdateEntityAsync(entity, version, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await _table.AddEntityAsync(entity, cancellationToken);
            }

            return result;
        }, cancellationToken);
    }

    private async Task<(BatchOutcomes Record, ETag? Version)> ReadAsync(BatchRef batch, int chunk, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Keys.Campaign(batch.TenantId, batch.CampaignId), RowKey(batch.BatchNumber, chunk), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return (BatchOutcomes.Empty, null);
        }

        var steps = new Dictionary<SendStep, StepDelivery>();
        foreach (var step in Enum.GetValues<SendStep>())
        {
            var group = entity.GetString($"{step}Group");
            var closed = entity.GetBoolean($"{step}WindowClosed") ?? false;
            if (group is not null || closed)
            {
                steps[step] = new StepDelivery(group, closed);
            }
        }

        var claim = entity.GetString(ClaimProperty) is { } c ? Enum.Parse<BatchClaim>(c) : (BatchClaim?)null;
        return (new BatchOutcomes(Outcomes(batch, entity), claim, steps), entity.ETag);
    }

    private static List<RecipientOutcome> Outcomes(BatchRef batch, TableEntity entity) =>
        (CompressedJson.Read<List<StoredOutcome>>(entity, Data) ?? []).Select(o => o.ToOutcome(batch)).ToList();

    private static TableEntity ToEntity(BatchRef batch, int chunk, BatchOutcomes record)
    {
        var entity = new TableEntity(Keys.Campaign(batch.TenantId, batch.CampaignId), RowKey(batch.BatchNumber, chunk))
        {
            [ClaimProperty] = record.Claim?.ToString(),
        };
        CompressedJson.Write(entity, Data, record.Outcomes.Select(StoredOutcome.From).ToList());
        foreach (var status in Enum.GetValues<OutcomeStatus>())
        {
            entity[status.ToString()] = record.Outcomes.Count(o => o.Status == status);
        }

        foreach (var (step, delivery) in record.Steps)
        {
            entity[$"{step}Group"] = delivery.GroupId;
            entity[$"{step}WindowClosed"] = delivery.WindowClosed;
        }

        return entity;
    }

    private static string RowKey(int batchNumber, int chunk) => chunk == 0 ? Keys.Number(batchNumber) : $"{Keys.Number(batchNumber)}_{Keys.Number(chunk)}";

    // "{rowKey}:{index × 2 + fallback}" of the next outcome; anything else is a caller's mistake, answered as a bad request.
    private static (string Row, int Key) ParseToken(string? token)
    {
        if (token is null)
        {
            return (Keys.Number(0), 0);
        }

        var colon = token.LastIndexOf(':');
        if (colon < 5 || !int.TryParse(token.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            || token.AsSpan(0, 5).ContainsAnyExceptInRange('0', '9') || token.Length > 40)
        {
            throw new CrmValidationException("continuationToken", "Not a continuation token of this listing: pass back the one the previous page returned.");
        }

        return (token[..colon], position);
    }
}
