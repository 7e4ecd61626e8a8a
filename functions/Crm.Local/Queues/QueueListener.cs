using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Crm.Core.Common;
using Crm.Local.Hosting;
using Crm.Storage.Clients;
using Crm.Storage.Delivery;

namespace Crm.Local.Queues;

/// <summary>
/// A queue trigger as the Functions host runs it, per host.json: up to batchSize messages at a
/// time, a failed message back after visibilityTimeout, moved to "&lt;queue&gt;-poison" on its
/// maxDequeueCount-th failure, polling backing off to maxPollingInterval when idle.
/// </summary>
public sealed class QueueListener(
    string functionName,
    string queueName,
    Func<string, CancellationToken, Task> handler,
    StorageClients clients,
    StorageMessageQueue localQueue,
    QueueHostOptions options,
    ILogger<QueueListener> logger) : BackgroundService
{
    /// <summary>How long a received message stays hidden while it is processed (the host's lease).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = clients.Queues.GetQueueClient(queueName);
        var poison = clients.Queues.GetQueueClient($"{queueName}-poison");
        localQueue.Enqueued += OnEnqueued;
        var delay = MinPollingInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                QueueMessage[] messages;
                try
                {
                    messages = (await queue.ReceiveMessagesAsync(options.BatchSize, Lease, stoppingToken)).Value;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Polling {Queue} failed; retrying", queueName);
                    messages = [];
                }

                if (messages.Length == 0)
                {
                    // Woken early when this process enqueues, as the Functions host does for its own writes.
                    await _wake.WaitAsync(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }

                delay = MinPollingInterval;
                await Task.WhenAll(messages.Select(m => ProcessAsync(queue, poison, m, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            localQueue.Enqueued -= OnEnqueued;
        }
    }

    private void OnEnqueued(string name)
    {
        if (name == queueName && _wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await handler(message.MessageText, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message reappears after its lease and is processed again.
        }
        catch (Exception ex)
        {
            if (message.DequeueCount >= options.MaxDequeueCount)
            {
                logger.LogError(ex, "{Function}: message {MessageId} failed {Count} times; moved to {Queue}-poison", functionName, message.MessageId, message.DequeueCount, queueName);
                await poison.SendMessageAsync(message.MessageText, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else
            {
                logger.LogWarning(ex, "{Function}: message {MessageId} failed (attempt {Count} of {Max}); retrying after {Delay}", functionName, message.MessageId, message.DequeueCount, options.MaxDequeueCount, options.VisibilityTimeout);
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
    }
}
