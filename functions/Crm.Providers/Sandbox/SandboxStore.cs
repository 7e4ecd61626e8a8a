using Azure;
using Azure.Data.Tables;
using Crm.Storage.Clients;

namespace Crm.Providers.Sandbox;

/// <summary>
/// The sandbox's groups in Table Storage (SandboxGroups): PartitionKey the campaign, RowKey the
/// group id, messages as gzip'd JSON. Persisted so that what the sandbox "sent" survives a restart
/// and a repeated send is visible as such.
/// </summary>
public sealed class SandboxStore(StorageClients clients)
{
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.SandboxGroups);

    public async Task CreateAsync(SandboxGroup group, CancellationToken cancellationToken) =>
        await _table.AddEntityAsync(ToEntity(group), cancellationToken);

    public async Task<SandboxGroup?> GetAsync(string groupId, CancellationToken cancellationToken)
    {
        if (SandboxGroup.CampaignOf(groupId) is not { } campaignId)
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(campaignId, groupId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>Saves the group if nobody changed it since it was read; false on a conflict.</summary>
    public async Task<bool> TryUpdateAsync(SandboxGroup group, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToEntity(group), new ETag(group.Version!), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsConcurrencyConflict(ex))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<SandboxGroup>> ListAsync(string campaignId, CancellationToken cancellationToken)
    {
        var list = new List<SandboxGroup>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {campaignId}"), cancellationToken: cancellationToken))
        {
            list.Add(FromEntity(entity));
        }

        return list;
    }

    private static TableEntity ToEntity(SandboxGroup group)
    {
        var entity = new TableEntity(group.CampaignId, group.GroupId) { ["TenantId"] = group.TenantId, ["Label"] = group.Label, ["Sent"] = group.Sent, ["Discarded"] = group.Discarded };
        CompressedJson.Write(entity, "M", group.Messages);
        return entity;
    }

    private static SandboxGroup FromEntity(TableEntity e)
    {
        return new SandboxGroup(e.RowKey, e.GetString("TenantId"), e.PartitionKey, e.GetString("Label"), e.GetBoolean("Sent") ?? false,
            CompressedJson.Read<List<SandboxMessage>>(e, "M") ?? [], e.ETag.ToString(), e.GetBoolean("Discarded") ?? false);
    }
}
