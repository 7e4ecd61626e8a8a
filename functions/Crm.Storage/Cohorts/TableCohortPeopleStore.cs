using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Cohorts;
using Crm.Core.Common;
using Crm.Storage.Clients;
using Polly;

namespace Crm.Storage.Cohorts;

/// <summary>
/// A cohort's people in 256 buckets (CohortPeople: PartitionKey tenant_cohort, RowKey bucket, a
/// stable hash of the phone), each one entity of gzip'd JSON. A cohort of 100,000 is 256 entities
/// of ~40 KB: reading it whole is a few pages; a stage change rewrites one bucket under its ETag.
/// </summary>
public sealed class TableCohortPeopleStore(StorageClients clients, TimeProvider? time = null) : ICohortPeopleStore
{
    public const int Buckets = 256;

    // A bucket write that lost the race to another writer reads the bucket again and retries.
    private readonly ResiliencePipeline _transactionRetry = ConflictRetry.OnException(
        e => e is TableTransactionFailedException t && (StorageErrors.IsConcurrencyConflict(t) || StorageErrors.IsAlreadyExists(t)), time);

    private readonly ResiliencePipeline _updateRetry = ConflictRetry.OnException(e => e is RequestFailedException r && StorageErrors.IsConcurrencyConflict(r), time);
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.CohortPeople);

    public async Task UpsertAsync(string tenantId, string cohortId, IReadOnlyList<Person> people, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId, cohortId);
        var byBucket = people.GroupBy(p => BucketOf(p.Phone)).ToDictionary(g => g.Key, g => g.ToList());
        var existing = byBucket.Count > Buckets / 2
            ? await ReadAllAsync(partition, cancellationToken)
            : await ReadBucketsAsync(partition, byBucket.Keys, cancellationToken);

        // Up to 100 buckets per transaction; one that loses a race re-reads its buckets and tries again.
        var firstTry = byBucket.Keys.Order().Select(bucket => Merge(partition, bucket, existing.GetValueOrDefault(bucket), byBucket[bucket]));
        foreach (var group in EntityTransactions.Chunk(firstTry).Select(chunk => chunk.Select(a => int.Parse(a.Entity.RowKey, CultureInfo.InvariantCulture)).ToList()))
        {
            var attempt = 0;
            await _transactionRetry.ExecuteAsync(async _ =>
            {
                if (attempt++ > 0)
                {
                    foreach (var (bucket, fresh) in await ReadBucketsAsync(partition, group, cancellationToken))
                    {
                        existing[bucket] = fresh;
                    }
                }

                var actions = group.Select(bucket => Merge(partition, bucket, existing.GetValueOrDefault(bucket), byBucket[bucket])).ToList();
                await EntityTransactions.SubmitOneAsync(_table, actions, cancellationToken);
            }, cancellationToken);
        }
    }

    public async Task<Person?> GetAsync(string tenantId, string cohortId, string phone, CancellationToken cancellationToken)
    {
        var buckets = await ReadBucketsAsync(Partition(tenantId, cohortId), [BucketOf(phone)], cancellationToken);
        return buckets.Values.SelectMany(b => b.People).FirstOrDefault(p => p.Phone == phone);
    }

    public async Task<Person?> UpdateAsync(string tenantId, string cohortId, string phone, Func<Person, Person> change, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId, cohortId);
        var bucket = BucketOf(phone);
        return await _updateRetry.ExecuteAsync(async _ =>
        {
            var buckets = await ReadBucketsAsync(partition, [bucket], cancellationToken);
            if (!buckets.TryGetValue(bucket, out var current) || current.People.FirstOrDefault(p => p.Phone == phone) is not { } person)
            {
                return null;
            }

            var changed = change(person);
            var entity = ToEntity(partition, bucket, current.People.Select(p => p.Phone == phone ? changed : p));
            await _table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken);
            return changed;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<Person> ScanAsync(string tenantId, string cohortId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(tenantId, cohortId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            foreach (var person in Read(entity))
            {
                yield return person;
            }
        }
    }

    public static int BucketOf(string phone) => (int)(PhoneHash.Of(phone) % Buckets);

    private static string Partition(string tenantId, string cohortId) => $"{tenantId}_{cohortId}";

    private static TableTransactionAction Merge(string partition, int bucket, StoredBucket? current, List<Person> changes)
    {
        var merged = (current?.People ?? []).ToDictionary(p => p.Phone, StringComparer.Ordinal);
        foreach (var person in changes)
        {
            merged[person.Phone] = person;
        }

        var entity = ToEntity(partition, bucket, merged.Values);
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.ETag);
    }

    private async Task<Dictionary<int, StoredBucket>> ReadAllAsync(string partition, CancellationToken cancellationToken)
    {
        var buckets = new Dictionary<int, StoredBucket>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            buckets[int.Parse(entity.RowKey, CultureInfo.InvariantCulture)] = new StoredBucket(Read(entity), entity.ETag);
        }

        return buckets;
    }

    // Point reads, 16 at a time.
    private async Task<Dictionary<int, StoredBucket>> ReadBucketsAsync(string partition, IEnumerable<int> bucketNumbers, CancellationToken cancellationToken)
    {
        var buckets = new ConcurrentDictionary<int, StoredBucket>();
        await Parallel.ForEachAsync(bucketNumbers, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (bucket, ct) =>
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(partition, Row(bucket), cancellationToken: ct);
            if (response.HasValue && response.Value is { } entity)
            {
                buckets[bucket] = new StoredBucket(Read(entity), entity.ETag);
            }
        });

        return new Dictionary<int, StoredBucket>(buckets);
    }

    private static string Row(int bucket) => bucket.ToString("D3", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string partition, int bucket, IEnumerable<Person> people)
    {
        var list = people.OrderBy(p => p.Phone, StringComparer.Ordinal).ToList();
        var entity = new TableEntity(partition, Row(bucket)) { ["Count"] = list.Count };
        CompressedJson.Write(entity, "P", list);
        return entity;
    }

    private static List<Person> Read(TableEntity entity) => CompressedJson.Read<List<Person>>(entity, "P") ?? [];

    private sealed record StoredBucket(List<Person> People, ETag ETag);
}
