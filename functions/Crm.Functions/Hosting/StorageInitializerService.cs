using Crm.Storage.Clients;
using Microsoft.Extensions.Hosting;

namespace Crm.Functions.Hosting;

/// <summary>Creates the CRM's tables and queues at start if infra has not (idempotent; a few requests per cold start).</summary>
internal sealed class StorageInitializerService(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => StorageInitializer.EnsureCreatedAsync(clients, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
