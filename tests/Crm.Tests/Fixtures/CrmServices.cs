using Crm.Core;
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
}
