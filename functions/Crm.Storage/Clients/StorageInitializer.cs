using Crm.Core.Functions;

namespace Crm.Storage.Clients;

/// <summary>Creates every table and queue (and each queue's poison queue) once, at start-up.</summary>
public static class StorageInitializer
{
    /// <summary>Every queue a catalog function is triggered by.</summary>
    public static IReadOnlyList<string> Queues { get; } = FunctionCatalog.All.Select(f => f.Queue).OfType<string>().Distinct().ToList();

    public static async Task EnsureCreatedAsync(StorageClients clients, CancellationToken cancellationToken)
    {
        var tables = TableNames.All;
        var queues = Queues.SelectMany(q => new[] { q, $"{q}-poison" });
        await Task.WhenAll(
            tables.Select(t => clients.Tables.GetTableClient(t).CreateIfNotExistsAsync(cancellationToken))
                .Concat<Task>(queues.Select(q => clients.Queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
    }
}
