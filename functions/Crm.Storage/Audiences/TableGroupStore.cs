using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Audiences;
using Crm.Storage.Clients;

namespace Crm.Storage.Audiences;

/// <summary>
/// Group definitions (Groups: PartitionKey tenant, RowKey group id) and members (GroupMembers:
/// PartitionKey tenant_group, RowKey chunk number), 10,000 phones per chunk as gzip'd JSON, so a
/// million members are 100 small entities written in one or two transactions.
/// </summary>
public sealed class TableGroupStore(StorageClients clients) : IGroupStore
{
    public const int PhonesPerChunk = 10_000;
    private readonly TableClient _groups = clients.Tables.GetTableClient(TableNames.Groups);
    private readonly TableClient _members = clients.Tables.GetTableClient(TableNames.GroupMembers);

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
        while (true)
        {
            if (await GetAsync(tenantId, groupId, cancellationToken) is not { } current)
            {
                return null;
            }

            var changed = change(current);
            try
            {
                // Replace under the ETag: clears fields set to null (a merge could not) and keeps a definition saved meanwhile.
                await _groups.UpdateEntityAsync(ToEntity(changed), new ETag(current.Version!), TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (RequestFailedException ex) when (StorageErrors.IsConcurrencyConflict(ex))
            {
            }
        }
    }

    public async Task<int> SaveMembersAsync(Group group, IReadOnlyList<string> phones, CancellationToken cancellationToken)
    {
        var partition = $"{group.TenantId}_{group.GroupId}";
        var chunks = phones.Chunk(PhonesPerChunk).Select((chunk, i) => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ChunkEntity(partition, i + 1, chunk))).ToList();
        await EntityTransactions.SubmitAsync(_members, chunks, cancellationToken);

        // Chunks the previous extraction wrote beyond the new count.
        var stale = Enumerable.Range(chunks.Count + 1, Math.Max(0, group.MemberChunks - chunks.Count))
            .Select(n => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, Keys.Number(n)), ETag.All));
        await EntityTransactions.SubmitAsync(_members, stale, cancellationToken);
        return chunks.Count;
    }

    public async Task<bool> RemoveMemberAsync(Group group, string phone, CancellationToken cancellationToken)
    {
        var partition = $"{group.TenantId}_{group.GroupId}";
        await foreach (var e in _members.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            var phones = ReadChunk(e);
            if (phones.Contains(phone))
            {
                await _members.UpdateEntityAsync(ChunkEntity(partition, int.Parse(e.RowKey), phones.Where(p => p != phone)), e.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
        }

        return false;
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> ReadMembersAsync(string tenantId, string groupId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var group = await GetAsync(tenantId, groupId, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {$"{tenantId}_{groupId}"}");
        await foreach (var e in _members.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            // Only the chunks of the last extraction (a crash may leave a newer, larger set half-written).
            if (group is not null && int.Parse(e.RowKey) <= group.MemberChunks)
            {
                yield return ReadChunk(e);
            }
        }
    }

    private static TableEntity ChunkEntity(string partition, int number, IEnumerable<string> phones)
    {
        var entity = new TableEntity(partition, Keys.Number(number));
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
        LastError = e.GetString("LastError"),
        Version = e.ETag.ToString(),
    };
}
