using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Common;
using Crm.Core.Rewards;
using Crm.Storage.Clients;

namespace Crm.Storage.Rewards;

/// <summary>One row per tenant (PartitionKey "policy", RowKey tenant), so the daily runs list every policy in one query.</summary>
public sealed class TablePointsPolicyStore(StorageClients clients) : IPointsPolicyStore
{
    private const string Partition = "policy";
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.RewardPolicies);

    public async Task<PointsPolicyState?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, tenantId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(e) : null;
    }

    // Merges write only the properties given, so the API and the daily jobs never undo each other's writes.
    public Task SavePolicyAsync(string tenantId, PointsPolicy policy, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, tenantId) { ["Policy"] = JsonSerializer.Serialize(policy, CrmJson.Options) }, TableUpdateMode.Merge, cancellationToken);

    public Task RecordExpiryRunAsync(string tenantId, DateOnly run, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(new TableEntity(Partition, tenantId) { ["LastExpiryRun"] = run.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    public Task RecordNoticeRunAsync(string tenantId, DateOnly run, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(new TableEntity(Partition, tenantId) { ["LastNoticeRun"] = run.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    public async IAsyncEnumerable<PointsPolicyState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            yield return FromEntity(e);
        }
    }

    private static PointsPolicyState FromEntity(TableEntity e) => new(
        e.RowKey,
        JsonSerializer.Deserialize<PointsPolicy>(e.GetString("Policy"), CrmJson.Options)!,
        e.GetString("LastExpiryRun") is { } run ? DateOnly.Parse(run, System.Globalization.CultureInfo.InvariantCulture) : null,
        e.GetString("LastNoticeRun") is { } notice ? DateOnly.Parse(notice, System.Globalization.CultureInfo.InvariantCulture) : null);
}
