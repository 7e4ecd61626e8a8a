using System.Text.Json;
using Azure.Data.Tables;
using Crm.Core.Common;
using Crm.Core.Delivery;
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

        return new Tenant
        {
            TenantId = tenantId,
            Name = e.GetString("Name") ?? tenantId,
            TimeZone = e.GetString("TimeZone") ?? Tenant.DefaultTimeZone,
            SenderNumbers = Split(e.GetString("SenderNumbers")).ToHashSet(StringComparer.Ordinal),
            FallbackChannels = Split(e.GetString("FallbackChannels")).Select(Enum.Parse<Channel>).ToHashSet(),
            AllowLmsConversion = e.GetBoolean("AllowLmsConversion") ?? false,
            Prices = e.GetString("Prices") is { Length: > 0 } prices
                ? JsonSerializer.Deserialize<Dictionary<string, int>>(prices, CrmJson.Options)!
                : new Dictionary<string, int>(),
            KakaoChannelId = e.GetString("KakaoChannelId"),
            OptOutNumber = e.GetString("OptOutNumber"),
        };
    }

    public async Task SaveAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(tenant.TenantId, RowKey)
        {
            ["Name"] = tenant.Name,
            ["TimeZone"] = tenant.TimeZone,
            ["SenderNumbers"] = string.Join(',', tenant.SenderNumbers.Order(StringComparer.Ordinal)),
            ["FallbackChannels"] = string.Join(',', tenant.FallbackChannels.Order()),
            ["AllowLmsConversion"] = tenant.AllowLmsConversion,
            ["Prices"] = JsonSerializer.Serialize(tenant.Prices, CrmJson.Options),
            ["KakaoChannelId"] = tenant.KakaoChannelId,
            ["OptOutNumber"] = tenant.OptOutNumber,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async IAsyncEnumerable<string> ListIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in _table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            yield return e.PartitionKey;
        }
    }

    private static IEnumerable<string> Split(string? csv) => (csv ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await foreach (var page in _table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
        {
            return page.Values.Count > 0;
        }

        return false;
    }
}
