using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Audiences;
using Crm.Core.Common;
using Crm.Storage.Clients;
using Polly;

namespace Crm.Storage.Audiences;

/// <summary>
/// Customers packed into 1,024 buckets per tenant (PartitionKey = tenant, RowKey = bucket, a
/// stable hash of the phone): each bucket is one entity holding its customers as gzip'd JSON in
/// 64 KB binary properties. A million customers are ~1,000 entities of ~60 KB, so a full scan is
/// a handful of page reads; a single change rewrites one bucket under its ETag.
/// </summary>
public sealed class TableCustomerStore(StorageClients clients, TimeProvider? time = null) : ICustomerStore
{
    public const int Buckets = 1024;

    // A bucket write that lost the race to another writer reads the bucket again and retries.
    private readonly ResiliencePipeline _transactionRetry = ConflictRetry.OnException(
        e => e is TableTransactionFailedException t && (StorageErrors.IsConcurrencyConflict(t) || StorageErrors.IsAlreadyExists(t)), time);

    private readonly ResiliencePipeline _updateRetry = ConflictRetry.OnException(e => e is RequestFailedException r && StorageErrors.IsConcurrencyConflict(r), time);

    // Reading more buckets than this is one scan instead of point reads.
    private const int ScanThreshold = Buckets / 2;
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Customers);

    public async Task UpsertAsync(string tenantId, IReadOnlyList<Customer> customers, CancellationToken cancellationToken)
    {
        var byBucket = customers.GroupBy(c => BucketOf(c.Phone)).ToDictionary(g => g.Key, g => g.ToList());

        // Touching most buckets: one scan (a few pages); fewer: point reads, so a small change never
        // costs the transfer of every customer.
        var existing = byBucket.Count > ScanThreshold
            ? await ReadAllBucketsAsync(tenantId, cancellationToken)
            : await ReadBucketsAsync(tenantId, byBucket.Keys, cancellationToken);

        // Transactions of up to 100 buckets within the payload budget (big tenants' buckets are ~60 KB
        // each). A transaction that loses a race (another writer changed one of its buckets) re-reads
        // just its buckets and tries again; the ETags mean no update is lost.
        var firstTry = byBucket.Keys.Order().Select(bucket => Merge(tenantId, bucket, existing.GetValueOrDefault(bucket), byBucket[bucket]));
        foreach (var group in EntityTransactions.Chunk(firstTry).Select(chunk => chunk.Select(a => int.Parse(a.Entity.RowKey)).ToList()))
        {
            var attempt = 0;
            await _transactionRetry.ExecuteAsync(async _ =>
            {
                if (attempt++ > 0)
                {
                    foreach (var (bucket, fresh) in await ReadBucketsAsync(tenantId, group, cancellationToken))
                    {
                        existing[bucket] = fresh;
                    }
                }

                var actions = group.Select(bucket => Merge(tenantId, bucket, existing.GetValueOrDefault(bucket), byBucket[bucket])).ToList();
                await EntityTransactions.SubmitOneAsync(_table, actions, cancellationToken);
            }, cancellationToken);
        }
    }

    private static TableTransactionAction Merge(string tenantId, int bucket, StoredBucket? current, List<Customer> changes)
    {
        var merged = (current?.Customers ?? []).ToDictionary(c => c.Phone, StringComparer.Ordinal);
        foreach (var customer in changes)
        {
            merged[customer.Phone] = customer;
        }

        var entity = ToEntity(tenantId, bucket, merged.Values);
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.ETag);
    }

    public async Task<Customer?> GetAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        var buckets = await ReadBucketsAsync(tenantId, [BucketOf(phone)], cancellationToken);
        return buckets.Values.SelectMany(b => b.Customers).FirstOrDefault(c => c.Phone == phone);
    }

    public async Task<bool> DeleteAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        var bucket = BucketOf(phone);
        return await _updateRetry.ExecuteAsync(async _ =>
        {
            var buckets = await ReadBucketsAsync(tenantId, [bucket], cancellationToken);
            if (!buckets.TryGetValue(bucket, out var current) || current.Customers.All(c => c.Phone != phone))
            {
                return false;
            }

            await _table.UpdateEntityAsync(ToEntity(tenantId, bucket, current.Customers.Where(c => c.Phone != phone)), current.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<Customer> ScanAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            foreach (var customer in Read(entity))
            {
                yield return customer;
            }
        }
    }

    public static int BucketOf(string phone) => (int)(PhoneHash.Of(phone) % Buckets);

    public async Task<IReadOnlyList<Customer>> GetManyAsync(string tenantId, IReadOnlyCollection<string> phones, CancellationToken cancellationToken)
    {
        var wanted = phones.ToHashSet(StringComparer.Ordinal);
        var bucketNumbers = wanted.Select(BucketOf).Distinct().ToList();
        var found = new List<Customer>();

        // As for upserts; the scan streams, so a million customers are never held at once.
        if (bucketNumbers.Count > ScanThreshold)
        {
            await foreach (var customer in ScanAsync(tenantId, cancellationToken))
            {
                if (wanted.Contains(customer.Phone))
                {
                    found.Add(customer);
                }
            }
        }
        else
        {
            found.AddRange((await ReadBucketsAsync(tenantId, bucketNumbers, cancellationToken)).Values.SelectMany(b => b.Customers).Where(c => wanted.Contains(c.Phone)));
        }

        return found;
    }

    private async Task<Dictionary<int, StoredBucket>> ReadAllBucketsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}");
        var buckets = new Dictionary<int, StoredBucket>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            buckets[int.Parse(entity.RowKey)] = new StoredBucket(Read(entity), entity.ETag);
        }

        return buckets;
    }

    // Point reads, 16 at a time.
    private async Task<Dictionary<int, StoredBucket>> ReadBucketsAsync(string tenantId, IEnumerable<int> bucketNumbers, CancellationToken cancellationToken)
    {
        var buckets = new ConcurrentDictionary<int, StoredBucket>();
        await Parallel.ForEachAsync(bucketNumbers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (bucket, ct) =>
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(tenantId, Row(bucket), cancellationToken: ct);
            if (response.HasValue && response.Value is { } entity)
            {
                buckets[bucket] = new StoredBucket(Read(entity), entity.ETag);
            }
        });

        return new Dictionary<int, StoredBucket>(buckets);
    }

    private static string Row(int bucket) => bucket.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string tenantId, int bucket, IEnumerable<Customer> customers)
    {
        var list = customers.OrderBy(c => c.Phone, StringComparer.Ordinal).ToList();
        var entity = new TableEntity(tenantId, Row(bucket)) { ["Count"] = list.Count };
        CompressedJson.Write(entity, "C", list);
        return entity;
    }

    private static List<Customer> Read(TableEntity entity) => CompressedJson.Read<List<Customer>>(entity, "C") ?? [];

    private sealed record StoredBucket(List<Customer> Customers, ETag ETag);
}
