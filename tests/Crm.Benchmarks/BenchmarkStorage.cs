using Crm.Core;
using Crm.Local.Durable;
using Crm.Local.Hosting;
using Crm.Providers;
using Crm.Storage;
using Crm.Storage.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>A fresh in-memory Azurite and the CRM's services on it, as the hosts register them.</summary>
internal sealed class BenchmarkStorage : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;

    private BenchmarkStorage(AzuriteProcess azurite, ServiceProvider services)
    {
        _azurite = azurite;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public RequestCounter Counter => Services.GetRequiredService<RequestCounter>();

    public string ConnectionString => _azurite.ConnectionString;

    /// <param name="durable">Also Crm.Local's Durable engine, with host.json's task hub settings (not started).</param>
    /// <param name="settings">Provider settings (the sandbox's report delay, report windows and polling); null: the defaults.</param>
    public static async Task<BenchmarkStorage> StartAsync(TimeProvider? time = null, bool durable = false, Func<string, string?>? settings = null)
    {
        var repoRoot = RepoPaths.FindRoot() ?? throw new InvalidOperationException("Run from inside the repository.");
        var azurite = await AzuriteProcess.StartAsync(repoRoot, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), null, Console.WriteLine, CancellationToken.None);
        var collection = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(time ?? TimeProvider.System)
            .AddCrmCore()
            .AddCrmStorage(new StorageOptions { ConnectionString = azurite.ConnectionString })
            .AddCrmProviders(settings ?? (_ => null));
        if (durable)
        {
            collection.AddCrmLocal(DurableHostOptions.Load(Path.Combine(repoRoot, "host.json")), azurite.ConnectionString);
        }

        var services = collection.BuildServiceProvider();
        await StorageInitializer.EnsureCreatedAsync(services.GetRequiredService<StorageClients>(), CancellationToken.None);
        return new BenchmarkStorage(azurite, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
