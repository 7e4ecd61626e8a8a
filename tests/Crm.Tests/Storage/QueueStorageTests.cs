using Crm.Core.Delivery;
using Crm.Storage.Delivery;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Storage;

public sealed class QueueStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_undeleted_message_comes_back_after_its_visibility_timeout_with_a_higher_dequeue_count()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var name = $"test-{Guid.NewGuid():N}";
        var queue = clients.Queues.GetQueueClient(name);
        await queue.CreateAsync(cancellationToken: ct);
        await new StorageMessageQueue(clients).EnqueueAsync(name, new BatchRef("shop", "c1", 7), ct);

        var first = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), ct)).Value);
        Assert.Empty((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), ct)).Value);
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        var second = Assert.Single((await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), ct)).Value);

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.Contains("\"batchNumber\":7", second.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_are_base64_on_the_wire_as_the_functions_queue_trigger_expects()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = azurite.NewClients();
        var name = $"test-{Guid.NewGuid():N}";
        await clients.Queues.GetQueueClient(name).CreateAsync(cancellationToken: ct);
        await new StorageMessageQueue(clients).EnqueueAsync(name, new DispatchRequest("shop", "c1"), ct);

        // A client without base64 decoding sees the raw text stored in the queue.
        var raw = new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, name);
        var message = Assert.Single((await raw.PeekMessagesAsync(1, ct)).Value);
        var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
        Assert.Equal("{\"tenantId\":\"shop\",\"campaignId\":\"c1\"}", decoded);
    }
}
