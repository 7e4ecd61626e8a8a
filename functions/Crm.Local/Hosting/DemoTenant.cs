using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Tenants;

namespace Crm.Local.Hosting;

/// <summary>Seeds a tenant to try the CRM with, with 10,000 credits, when the store has none (SeedDemoTenant=true).</summary>
public static class DemoTenant
{
    public const string Id = "demo";
    public const string SenderNumber = "0212345678";

    public const long Credits = 10_000;

    public static async Task<bool> SeedAsync(ITenantStore tenants, WalletService wallets, CancellationToken cancellationToken)
    {
        if (await tenants.AnyAsync(cancellationToken))
        {
            return false;
        }

        await tenants.SaveAsync(
            new Tenant
            {
                TenantId = Id,
                Name = "Demo shop (데모 상점)",
                SenderNumbers = new HashSet<string>(StringComparer.Ordinal) { SenderNumber },
                FallbackChannels = new HashSet<Channel> { Channel.AlimTalk, Channel.FriendTalk },
                KakaoChannelId = "@demo-shop",
            },
            cancellationToken);
        await wallets.AdjustAsync(Id, "seed-demo", Credits, "Demo credits", cancellationToken);
        return true;
    }
}
