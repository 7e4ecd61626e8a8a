using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Audiences;
using Crm.Core.Common;
using Crm.Storage.Clients;
using Polly;

namespace Crm.Storage.Audiences;

/// <summary>
/// Group definitions (Groups: PartitionKey tenant, RowKey group id) and members (GroupMembers:
/// PartitionKey tenant_group, RowKey memberSet_chunk number), 10,000 phones per chunk as gzip'd
/// JSON, so a million members are 100 small entities written in one or two transactions. Chunks
/// from before member sets had ids have the chunk number alone as row key (member set "").
/// </summary>
public sealed class TableGroupStore(StorageClients clients, TimeProvider? time = null) : IGroupStore
{
    public const int PhonesPerChunk = 10_000;
    private readonly TableClient _groups = clients.Tables.GetTableClient(TableNames.Groups);
    private readonly TableClient _members = clients.Tables.GetTableClient(TableNames.GroupMembers);

    // The group changed between our read and our write: read it again and retry.
    private readonly ResiliencePipeline _extractionRetry = ConflictRetry.OnException(e => e is RequestFailedException r && StorageErrors.IsConcurrencyConflict(r), time);

    public async Task SaveAsync(Group group, CancellationToken cancellationToken)
    {
        // Merge: the definition changes, the extraction results stay.
        var entity = new TableEntity(group.TenantId, group.GroupId) { ["Name"] = group.Name, ["Condition"] = group.Condition };
        await _groups.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<Group?> GetAsync(string tenantId, string groupId, CancellationToken cancellationToken)
    {
        var response = await _groups.GetEntityIfExistsAsync<TableEntity>(tenantId, groupId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(e) : null;
    }

    public async Task<IReadOnlyList<Group>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var list = new List<Group>();
        await foreach (var e in _groups.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(e));
        }

        return list;
    }

    public async Task<Group?> UpdateExtractionAsync(string tenantId, string groupId, Func<Group, Group> change, CancellationToken cancellationToken)
    {
        return await _extractionRetry.ExecuteAsync(async _ =>
        {
            if (await GetAsync(tenantId, groupId, cancellationToken) is not { } current)
            {
                return null;
            }

            var changed = change(current);
            if (changed == current)
            {
                return current;
            }

            // Replace under the ETag: clears fields set to null (a merge could not) and keeps a definition saved meanwhile.
            await _groups.UpdateEntityAsync(ToEntity(changed), new ETag(current.Version!), TableUpdateMode.Replace, cancellationToken);
            return changed;
        }, cancellationToken);
    }

    public async Task<int> WriteMembersAsync(string tenantId, string groupId, string memberSet, IReadOnlyList<string> phones, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId, groupId);
        var chunks = phones.Chunk(PhonesPerChunk)
            .Select((chunk, i) => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ChunkEntity(partition, ChunkKey(memberSet, i + 1), chunk)))
            .ToList();
        await EntityTransactions.SubmitAsync(_members, chunks, cancellationToken);
        return chunks.Count;
    }

    public async Task DeleteMembersBeforeAsync(string tenantId, string groupId, string memberSet, CancellationToken cancellationToken)
    {
        var partition = Partition(tenantId, groupId);
        var old = new List<TableTransactionAction>();
        await foreach (var e in _members.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (string.CompareOrdinal(SetOf(e.RowKey), memberSet) < 0)
            {
                old.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, e.RowKey), ETag.All));
            }
        }

        foreach (var transaction in EntityTransactions.Chunk(old))
        {
            try
            {
                await _members.SubmitTransactionAsync(transaction, cancellationToken);
            }
            catch (RequestFailedException ex) when (StorageErrors.IsNotFound(ex))
            {
                // Another extraction deleted some of these first; a single delete of a missing entity succeeds.
                foreach (var action in transaction)
                {
                    await _members.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
                }
            }
        }
    }

    public async Task<bool> RemoveMemberAsync(Group group, string phone, CancellationToken cancellationToken)
    {
        var current = false;
        await foreach (var e in _members.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(group.TenantId, group.GroupId)}"), cancellationToken: cancellationToken))
        {
            var phones = ReadChunk(e);
            if (!phones.Contains(phone))
            {
                continue;
            }

            try
            {
                await _members.UpdateEntityAsync(ChunkEntity(e.PartitionKey, e.RowKey, phones.Where(p => p != phone)), e.ETag, TableUpdateMode.Replace, cancellationToken);
                current |= SetOf(e.RowKey) == (group.MemberSet ?? string.Empty);
            }
            catch (RequestFailedException ex) when (StorageErrors.IsNotFound(ex))
            {
                // The chunk's member set was replaced and deleted meanwhile: nothing left to erase there.
            }
        }

        return current;
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> ReadMembersAsync(string tenantId, string groupId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await GetAsync(tenantId, groupId, cancellationToken) is not { MemberChunks: > 0 } group)
        {
            yield break;
        }

        // Only the chunks of the current set: another extraction may be writing a set of its own beside it.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition(tenantId, groupId)} and RowKey ge {ChunkKey(group.MemberSet, 1)} and RowKey le {ChunkKey(group.MemberSet, group.MemberChunks)}");
        var read = 0;
        await foreach (var e in _members.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            read++;
            yield return ReadChunk(e);
        }

        if (read < group.MemberChunks)
        {
            throw new InvalidOperationException($"The members of group {groupId} were replaced by a later extraction while they were read; read them again.");
        }
    }

    private static string Partition(string tenantId, string groupId) => $"{tenantId}_{groupId}";

    private static string ChunkKey(string? memberSet, int number) => string.IsNullOrEmpty(memberSet) ? Keys.Number(number) : $"{memberSet}_{Keys.Number(number)}";

    private static string SetOf(string chunkKey) => chunkKey.IndexOf('_', StringComparison.Ordinal) is var end and >= 0 ? chunkKey[..end] : string.Empty;

    private static TableEntity ChunkEntity(string partition, string rowKey, IEnumerable<string> phones)
    {
        var entity = new TableEntity(partition, rowKey);
        CompressedJson.Write(entity, "M", phones.ToList());
        return entity;
    }

    private static IReadOnlyList<string> ReadChunk(TableEntity entity) => CompressedJson.Read<List<string>>(entity, "M") ?? [];

    private static TableEntity ToEntity(Group g) => new(g.TenantId, g.GroupId)
    {
        ["Name"] = g.Name,
        ["Condition"] = g.Condition,
        ["ExtractionStartedAt"] = g.ExtractionStartedAt,
        ["LastExtractedAt"] = g.LastExtractedAt,
        ["MemberCount"] = g.MemberCount,
        ["MemberChunks"] = g.MemberChunks,
        ["MemberSet"] = g.MemberSet,
        ["LastError"] = g.LastError,
    };

    private static Group FromEntity(TableEntity e) => new()
    {
        TenantId = e.PartitionKey,
        GroupId = e.RowKey,
        Name = e.GetString("Name"),
        Condition = e.GetString("Condition"),
        ExtractionStartedAt = e.GetDateTimeOffset("ExtractionStartedAt"),
        LastExtractedAt = e.GetDateTimeOffset("LastExtractedAt"),
        MemberCount = e.GetInt32("MemberCount") ?? 0,
        MemberChunks = e.GetInt32("MemberChunks") ?? 0,
        MemberSet = e.GetString("MemberSet"),
        LastError = e.GetString("LastError"),
        Version = e.ETag.ToString(),
    };
}
