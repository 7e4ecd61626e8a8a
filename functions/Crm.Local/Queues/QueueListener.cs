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
/// maxDequeueCount-th failure, polling backing off to maxPollingInterval when idle. A message is
/// held for <see cref="DefaultLease"/>, renewed while its function runs, so one held by a process that
/// was killed comes back within a minute. A storage outage stops nothing: polling, deleting,
/// returning and poisoning are retried with <see cref="StorageRetry"/>'s backoff until storage is
/// back, and a call that still fails is logged, never thrown (the message then comes back after
/// its lease and runs again, as after a crash).
/// </summary>
public sealed class QueueListener(
    string functionName,
    string queueName,
    Func<string, CancellationToken, Task> handler,
    StorageClients clients,
    StorageMessageQueue localQueue,
    QueueHostOptions options,
    ILogger<QueueListener> logger,
    TimeSpan? lease = null) : BackgroundService
{
    /// <summary>How long a received message stays hidden; renewed every half of it while its function runs.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(1);

    private readonly TimeSpan Lease = lease ?? DefaultLease;
    private readonly Polly.ResiliencePipeline _storage = StorageRetry.Create(logger, $"{functionName} ({queueName})");

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
                    messages = await _storage.ExecuteAsync(async ct => (await queue.ReceiveMessagesAsync(options.BatchSize, Lease, ct)).Value, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Polling {Queue} failed; polling again", queueName);
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
        var popReceipt = message.PopReceipt;
        using var done = new CancellationTokenSource();
        var renewal = RenewAsync(done.Token);
        Exception? failure = null;
        try
        {
            await handler(message.MessageText, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message reappears after its lease and is processed again.
            return;
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await done.CancelAsync();
            await renewal;
        }

        if (failure is null)
        {
            await SettleAsync("delete", message, ct => queue.DeleteMessageAsync(message.MessageId, popReceipt, ct), stoppingToken);
        }
        else if (message.DequeueCount >= options.MaxDequeueCount)
        {
            logger.LogError(failure, "{Function}: message {MessageId} failed {Count} times; moved to {Queue}-poison", functionName, message.MessageId, message.DequeueCount, queueName);
            if (await SettleAsync("poison", message, ct => poison.SendMessageAsync(message.MessageText, ct), stoppingToken))
            {
                await SettleAsync("delete", message, ct => queue.DeleteMessageAsync(message.MessageId, popReceipt, ct), stoppingToken);
            }
        }
        else
        {
            logger.LogWarning(failure, "{Function}: message {MessageId} failed (attempt {Count} of {Max}); retrying after {Delay}", functionName, message.MessageId, message.DequeueCount, options.MaxDequeueCount, options.VisibilityTimeout);
            await SettleAsync("return", message, ct => queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: ct), stoppingToken);
        }

        // Keeps the message hidden while the function runs (a long dispatch), through outages too; each renewal gives a new pop receipt.
        async Task RenewAsync(CancellationToken until)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(Lease / 2, until);
                    popReceipt = (await _storage.ExecuteAsync(
                        async ct => (await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: Lease, cancellationToken: ct)).Value, until)).PopReceipt;
                }
            }
            catch (OperationCanceledException) when (until.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Function}: could not renew the lease of message {MessageId}; another instance may take it", functionName, message.MessageId);
            }
        }
    }

    // Deletes, returns or poisons a message through storage outages; what still fails is logged and
    // left to the message's lease: it comes back and runs again, which every function allows.
    private async Task<bool> SettleAsync(string action, QueueMessage message, Func<CancellationToken, Task> call, CancellationToken stoppingToken)
    {
        try
        {
            await _storage.ExecuteAsync(async ct => await call(ct), stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "{Function}: could not {Action} message {MessageId}; it comes back after its lease", functionName, action, message.MessageId);
            return false;
        }
    }
}
