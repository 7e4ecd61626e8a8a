using System.Globalization;

namespace Crm.Storage.Clients;

/// <summary>Partition and row keys shared by the stores; "_" never occurs in tenant or campaign ids.</summary>
internal static class Keys
{
    public static string Campaign(string tenantId, string campaignId) => $"{tenantId}_{campaignId}";

    public static string Number(int n) => n.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Sortable UTC time for row keys: yyyyMMddHHmmssfff.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
}
