using Crm.Local.Hosting;
using Crm.Local.Queues;
using Crm.Storage.Clients;
using Crm.Storage.Delivery;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crm.Tests.Local;

public sealed class QueueListenerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_message_that_keeps_failing_moves_to_the_poison_queue_after_max_dequeue_count()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var name = $"test-{Guid.NewGuid():N}"[..30];
        await clients.Queues.GetQueueClient(name).CreateAsync(cancellationToken: ct);
        await clients.Queues.GetQueueClient($"{name}-poison").CreateAsync(cancellationToken: ct);
        var queue = new StorageMessageQueue(clients);
        var attempts = 0;
        var options = new QueueHostOptions { MaxDequeueCount = 3, VisibilityTimeout = TimeSpan.Zero, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
        using var listener = new QueueListener("Test", name, (_, _) => { Interlocked.Increment(ref attempts); throw new InvalidOperationException("bad"); }, clients, queue, options, NullLogger<QueueListener>.Instance);

        await listener.StartAsync(ct);
        await queue.EnqueueAsync(name, new { hello = "world" }, ct);
        var poison = clients.Queues.GetQueueClient($"{name}-poison");
        for (var i = 0; i < 200 && (await poison.PeekMessagesAsync(1, ct)).Value.Length == 0; i++)
        {
            await Task.Delay(50, ct);
        }

        await listener.StopAsync(ct);
        Assert.Equal(3, attempts);
        Assert.Equal("{\"hello\":\"world\"}", Assert.Single((await poison.PeekMessagesAsync(5, ct)).Value).MessageText);
        Assert.Empty((await clients.Queues.GetQueueClient(name).PeekMessagesAsync(5, ct)).Value);
    }

    [Fact]
    public async Task A_message_whose_function_runs_longer_than_its_lease_is_renewed_not_handed_out_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var name = $"test-{Guid.NewGuid():N}"[..30];
        await clients.Queues.GetQueueClient(name).CreateAsync(cancellationToken: ct);
        var queue = new StorageMessageQueue(clients);
        var runs = 0;
        var options = new QueueHostOptions { MaxPollingInterval = TimeSpan.FromMilliseconds(100) };
        Func<string, CancellationToken, Task> slow = async (_, token) => { Interlocked.Increment(ref runs); await Task.Delay(TimeSpan.FromSeconds(5), token); };

        // Two instances on one queue: without renewal the idle one would take the message once its 2-second lease ran out.
        using var listener = new QueueListener("Test", name, slow, clients, queue, options, NullLogger<QueueListener>.Instance, lease: TimeSpan.FromSeconds(2));
        using var other = new QueueListener("Test", name, slow, clients, queue, options, NullLogger<QueueListener>.Instance, lease: TimeSpan.FromSeconds(2));
        await listener.StartAsync(ct);
        await other.StartAsync(ct);
        await queue.EnqueueAsync(name, "long dispatch", ct);
        for (var i = 0; i < 200 && (runs == 0 || (await clients.Queues.GetQueueClient(name).GetPropertiesAsync(ct)).Value.ApproximateMessagesCount > 0); i++)
        {
            await Task.Delay(100, ct);
        }

        await listener.StopAsync(ct);
        await other.StopAsync(ct);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_handled_message_is_deleted_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var name = $"test-{Guid.NewGuid():N}"[..30];
        await clients.Queues.GetQueueClient(name).CreateAsync(cancellationToken: ct);
        var queue = new StorageMessageQueue(clients);
        var handled = new List<string>();
        using var listener = new QueueListener("Test", name, (text, _) => { lock (handled) { handled.Add(text); } return Task.CompletedTask; }, clients, queue, new QueueHostOptions(), NullLogger<QueueListener>.Instance);

        await listener.StartAsync(ct);
        for (var i = 0; i < 20; i++)
        {
            await queue.EnqueueAsync(name, i, ct);
        }

        for (var i = 0; i < 200 && handled.Count < 20; i++)
        {
            await Task.Delay(50, ct);
        }

        await listener.StopAsync(ct);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i.ToString()), handled.Order(StringComparer.Ordinal).OrderBy(int.Parse));
        Assert.Empty((await clients.Queues.GetQueueClient(name).PeekMessagesAsync(5, ct)).Value);
    }

    [Fact]
    public async Task A_storage_outage_while_a_failed_message_is_returned_leaves_the_listener_running_and_the_message_runs_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), $"crm-listener-{Guid.NewGuid():N}");
        var (blob, queuePort, table) = (AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort());
        var storage = await AzuriteProcess.StartAsync(AzuriteFixture.RepoRoot, blob, queuePort, table, folder, _ => { }, ct);
        try
        {
            var clients = new StorageClients(new StorageOptions { ConnectionString = storage.ConnectionString }, new RequestCounter());
            const string name = "outage-test";
            await clients.Queues.GetQueueClient(name).CreateAsync(cancellationToken: ct);
            await clients.Queues.GetQueueClient($"{name}-poison").CreateAsync(cancellationToken: ct);
            var queue = new StorageMessageQueue(clients);
            var firstRun = new TaskCompletionSource();
            var failFirstRun = new TaskCompletionSource();
            var handled = new TaskCompletionSource<string>();
            var runs = 0;
            Func<string, CancellationToken, Task> handler = async (text, _) =>
            {
                if (Interlocked.Increment(ref runs) == 1)
                {
                    firstRun.SetResult();
                    await failFirstRun.Task;
                    throw new InvalidOperationException("The function failed.");
                }

                handled.TrySetResult(text);
            };
            var options = new QueueHostOptions { VisibilityTimeout = TimeSpan.Zero, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
            var log = new ListLogger<QueueListener>();
            using var listener = new QueueListener("Test", name, handler, clients, queue, options, log);
            await listener.StartAsync(ct);
            await queue.EnqueueAsync(name, "once more", ct);
            await firstRun.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

            // Storage goes away while the function fails: returning the message to the queue cannot succeed until it is back.
            // Up to the storage SDK's own retries (about 25 s), then either the listener stopped or it waits for storage.
            await storage.StopAsync();
            failFirstRun.SetResult();
            for (var i = 0; i < 300 && !listener.ExecuteTask!.IsCompleted && !log.Entries.Any(e => e.Message.Contains("storage is unavailable", StringComparison.Ordinal)); i++)
            {
                await Task.Delay(100, ct);
            }

            Assert.False(listener.ExecuteTask!.IsCompleted, $"The listener stopped: {listener.ExecuteTask.Exception?.GetBaseException().Message}");
            storage = await AzuriteProcess.StartAsync(AzuriteFixture.RepoRoot, blob, queuePort, table, folder, _ => { }, ct);

            Assert.Equal("\"once more\"", await handled.Task.WaitAsync(TimeSpan.FromSeconds(60), ct));
            await listener.StopAsync(ct);
            Assert.Equal(2, runs);
            Assert.False(listener.ExecuteTask.IsFaulted);
        }
        finally
        {
            await storage.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }
}
