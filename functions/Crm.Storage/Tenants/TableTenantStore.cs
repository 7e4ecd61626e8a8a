using Azure;
using Azure.Data.Tables;
using Crm.Core.Tenants;
using Crm.Storage.Clients;

namespace Crm.Storage.Tenants;

/// <summary>A tenant is one entity in its own partition, so its later wallet and ledger can join it there.</summary>
public sealed class TableTenantStore(StorageClients clients) : ITenantStore
{
    private const string RowKey = "tenant";
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Tenants);

    public async Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(tenantId, RowKey, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } e)
        {
            return null;
        }

        var senders = (e.GetString("SenderNumbers") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new Tenant(tenantId, e.GetString("Name") ?? tenantId, senders.ToHashSet(StringComparer.Ordinal), e.GetString("TimeZone") ?? Tenant.DefaultTimeZone);
    }

    public async Task SaveAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(tenant.TenantId, RowKey)
        {
            ["Name"] = tenant.Name,
            ["TimeZone"] = tenant.TimeZone,
            ["SenderNumbers"] = string.Join(',', tenant.SenderNumbers.Order(StringComparer.Ordinal)),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await foreach (var page in _table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
        {
            return page.Values.Count > 0;
        }

        return false;
    }
}
