using Crm.Core;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Tenants;
using Crm.Local.Hosting;
using Crm.Providers;
using Crm.Storage;
using Crm.Storage.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Fixtures;

/// <summary>
/// The CRM's real services in this process, exactly as Crm.Local registers them, on the test
/// Azurite, with a clock the test controls: for scenarios that need time or crashes.
/// </summary>
public static class CrmServices
{
    public static ServiceProvider Create(AzuriteFixture azurite, FakeTimeProvider? time = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<TimeProvider>(time ?? (TimeProvider)TimeProvider.System)
            .AddCrmCore()
            .AddCrmStorage(new StorageOptions { ConnectionString = azurite.ConnectionString })
            .AddCrmProviders(_ => null)
            .AddCrmLocal();
        return services.BuildServiceProvider();
    }

    /// <summary>A new tenant with sender number 02-1234-5678, a Kakao channel and <paramref name="credits"/>; fallback as given.</summary>
    public static async Task<string> NewTenantAsync(this IServiceProvider services, long credits, params Channel[] fallback)
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Ids.Tenant();
        await services.GetRequiredService<ITenantStore>().SaveAsync(new Tenant
        {
            TenantId = tenant,
            Name = "테스트 상점",
            SenderNumbers = new HashSet<string> { "0212345678" },
            KakaoChannelId = "@test-shop",
            FallbackChannels = fallback.ToHashSet(),
        }, ct);
        await services.GetRequiredService<WalletService>().AdjustAsync(tenant, "seed", credits, "test credits", ct);
        return tenant;
    }
}
