using Crm.Local.Hosting;
using Crm.Storage.Clients;

namespace Crm.Tests.Fixtures;

/// <summary>
/// One real Azurite for the whole test run, in memory, on ports the OS hands out, so tests never
/// collide with a developer's running emulator. Tests isolate by unique tenant/campaign ids.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not running.");

    public static string RepoRoot => RepoPaths.FindRoot() ?? throw new InvalidOperationException("Repository root not found.");

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(
            RepoRoot, AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder: null, Console.WriteLine, CancellationToken.None);
        await StorageInitializer.EnsureCreatedAsync(NewClients(), CancellationToken.None);
    }

    /// <summary>Fresh clients with their own request counter.</summary>
    public StorageClients NewClients() => new(new StorageOptions { ConnectionString = ConnectionString }, new RequestCounter());

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
