using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Storage.Clients;

namespace Crm.Storage.Delivery;

/// <summary>Queue Storage as Core's queue port: JSON payloads, base64-encoded by the client.</summary>
public sealed class StorageMessageQueue(StorageClients clients) : IMessageQueue
{
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new(StringComparer.Ordinal);

    /// <summary>Raised after a message is stored, so an in-process listener can poll at once instead of waiting out its back-off.</summary>
    public event Action<string>? Enqueued;

    public async Task EnqueueAsync<T>(string queueName, T message, CancellationToken cancellationToken)
    {
        var queue = _queues.GetOrAdd(queueName, clients.Queues.GetQueueClient);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, CrmJson.Options), cancellationToken);
        Enqueued?.Invoke(queueName);
    }

    public async Task EnqueueAsync<T>(string queueName, T message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = _queues.GetOrAdd(queueName, clients.Queues.GetQueueClient);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, CrmJson.Options), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }
}
