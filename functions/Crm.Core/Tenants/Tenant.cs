namespace Crm.Core.Tenants;

/// <summary>A business using the CRM. Sender numbers must be registered before use (C5).</summary>
public sealed record Tenant(string TenantId, string Name, IReadOnlySet<string> SenderNumbers, string TimeZone = Tenant.DefaultTimeZone)
{
    public const string DefaultTimeZone = "Asia/Seoul";
}
