using Crm.Core.Tenants;

namespace Crm.Local.Hosting;

/// <summary>Seeds a tenant to try the CRM with, when the store has none (SeedDemoTenant=true).</summary>
public static class DemoTenant
{
    public const string Id = "demo";
    public const string SenderNumber = "0212345678";

    public static async Task<bool> SeedAsync(ITenantStore tenants, CancellationToken cancellationToken)
    {
        if (await tenants.AnyAsync(cancellationToken))
        {
            return false;
        }

        await tenants.SaveAsync(new Tenant(Id, "Demo shop (데모 상점)", new HashSet<string>(StringComparer.Ordinal) { SenderNumber }), cancellationToken);
        return true;
    }
}
