namespace Crm.Core.Delivery;

/// <summary>Work handed to a queue-triggered function; the payload travels as JSON.</summary>
public interface IMessageQueue
{
    Task EnqueueAsync<T>(string queueName, T message, CancellationToken cancellationToken);

    /// <summary>Enqueues a message that becomes visible only after <paramref name="delay"/>.</summary>
    Task EnqueueAsync<T>(string queueName, T message, TimeSpan delay, CancellationToken cancellationToken);
}
