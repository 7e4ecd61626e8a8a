using Azure.Data.Tables;
using Crm.Core.Audiences;
using Crm.Storage.Clients;

namespace Crm.Storage.Audiences;

/// <summary>
/// Opt-outs: PartitionKey tenant, RowKey phone (a repeated opt-out is an upsert). The 080 lines
/// are rows of partition "line" keyed by number, pointing at their tenant.
/// </summary>
public sealed class TableOptOutStore(StorageClients clients) : IOptOutStore
{
    private const string LinePartition = "line";
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.OptOuts);

    public Task AddAsync(string tenantId, string phone, string source, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(tenantId, phone) { ["Source"] = source, ["At"] = at }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlySet<string>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var phones = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            phones.Add(e.RowKey);
        }

        return phones;
    }

    public async Task<string?> FindTenantByLineAsync(string lineNumber, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(LinePartition, lineNumber, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetString("TenantId") : null;
    }

    public Task RegisterLineAsync(string lineNumber, string tenantId, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(LinePartition, lineNumber) { ["TenantId"] = tenantId }, TableUpdateMode.Replace, cancellationToken);
}
