using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Crm.Core.Delivery;
using Crm.Storage.Clients;
using Crm.Workflows;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;

namespace Crm.Local.Durable;

/// <summary>
/// The engine Durable Functions runs on in Azure, in this process: the Durable Task Framework's
/// TaskHubWorker with its Azure Storage provider (control and work-item queues, History and
/// Instances tables, partition leases) on the AzureWebJobsStorage account, hub name, partitions,
/// polling and visibility timeouts from host.json. The delivery orchestrator and activities are
/// the SDK code Crm.Functions runs, hosted through the SDK's shim. Every storage request the
/// framework makes is counted with the CRM's own.
/// </summary>
public sealed class DurableEngine : IHostedService, IAsyncDisposable, IDisposable
{
    private readonly TaskHubWorker _worker;
    private readonly CancellationTokenSource _stopping = new();
    private bool _started;

    public DurableEngine(DurableHostOptions options, string connectionString, RequestCounter counter, DeliveryActivities delivery, ILoggerFactory loggers)
    {
        Options = options;
        var blobs = new BlobClientOptions();
        var queues = new QueueClientOptions();
        var tables = new TableClientOptions();
        counter.AddTo(blobs, "blob");
        counter.AddTo(queues, "queue");
        counter.AddTo(tables, "table");
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, blobs),
                StorageServiceClientProvider.ForQueue(connectionString, queues),
                StorageServiceClientProvider.ForTable(connectionString, tables)),

            // One process owns the hub: without the app lease a restarted Crm.Local does not wait
            // for the lease of the process it replaces to expire.
            UseAppLease = false,

            // So that starting an existing instance says so instead of returning quietly.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggers,
        });

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = DurableJson.Converter }, loggers);
        _worker = new TaskHubWorker(new OutageTolerantOrchestrationService(Service, loggers.CreateLogger<OutageTolerantOrchestrationService>(), _stopping.Token), loggers);
        _worker.AddTaskOrchestrations(DeliveryTasks.Orchestrators
            .Select(o => (ObjectCreator<TaskOrchestration>)new ShimOrchestrationCreator(shims, o.Key, o.Value)).ToArray());
        _worker.AddTaskActivities(DeliveryTasks.Activities(delivery)
            .Select(a => (ObjectCreator<TaskActivity>)new NameValueObjectCreator<TaskActivity>(a.Key, string.Empty, shims.CreateActivity(a.Key, a.Value))).ToArray());
        Client = new TaskHubClient(Service, new CrmJsonDataConverter(), loggers);
        Workflows = new TaskHubBatchWorkflows(Client);
    }

    public DurableHostOptions Options { get; }

    public AzureStorageOrchestrationService Service { get; }

    public TaskHubClient Client { get; }

    public IBatchWorkflows Workflows { get; }

    public bool IsStarted => _started;

    /// <summary>The framework's worker, for tests that step between activities (its dispatcher middleware).</summary>
    internal TaskHubWorker Worker => _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
        _started = true;
    }

    /// <summary>Lets running work items finish; when the host's shutdown time is up, abandons them (they are redelivered).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            return;
        }

        _started = false;

        // A work item still waiting out a storage outage gives up: its message comes back after a restart.
        await _stopping.CancelAsync();
        var graceful = _worker.StopAsync(isForced: false);
        if (await Task.WhenAny(graceful, Task.Delay(Timeout.Infinite, cancellationToken)) != graceful)
        {
            await _worker.StopAsync(isForced: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _worker.Dispose();
        _stopping.Dispose();
    }

    /// <summary>For a synchronous dispose (a test's service provider): stops at once, abandoning running work items.</summary>
    public void Dispose()
    {
        if (_started)
        {
            _started = false;
            _stopping.Cancel();
            _worker.StopAsync(isForced: true).GetAwaiter().GetResult();
        }

        _worker.Dispose();
        _stopping.Dispose();
    }
}
