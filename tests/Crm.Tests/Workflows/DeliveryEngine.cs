using Crm.Core.Delivery;
using Crm.Core.Functions;
using Crm.Local.Durable;
using Crm.Tests.Fixtures;
using Crm.Workflows;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Tests.Workflows;

/// <summary>
/// The delivery orchestration and activities on one of the two real engines, with the CRM's services
/// of a test: "sdk" is the Durable Task SDK's in-process test host (the worker Crm.Functions runs in
/// Azure, over gRPC to an in-memory backend); "framework" is Crm.Local's engine (the Durable Task
/// Framework with its Azure Storage provider on Azurite). Both count each activity's attempts.
/// </summary>
public abstract class DeliveryEngine : IAsyncDisposable
{
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public abstract IBatchWorkflows Workflows { get; }

    public int Attempts(string activity)
    {
        lock (_attempts)
        {
            return _attempts.GetValueOrDefault(activity);
        }
    }

    public static async Task<DeliveryEngine> StartAsync(string kind, IServiceProvider services) => kind switch
    {
        "sdk" => await Sdk.StartAsync(services),
        "framework" => await Framework.StartAsync(services),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Waits for the batch's workflow to finish; returns its status, output and failure message.</summary>
    public abstract Task<(BatchWorkflowStatus Status, BatchCompletion? Output, string? Failure)> WaitAsync(BatchRef batch);

    public abstract ValueTask DisposeAsync();

    protected void Count(string activity)
    {
        lock (_attempts)
        {
            _attempts[activity] = _attempts.GetValueOrDefault(activity) + 1;
        }
    }

    private sealed class Sdk(DurableTaskTestHost host) : DeliveryEngine
    {
        public override IBatchWorkflows Workflows { get; } = new DurableBatchWorkflows(host.Client);

        public static async Task<DeliveryEngine> StartAsync(IServiceProvider services)
        {
            Sdk? engine = null;
            var delivery = services.GetRequiredService<DeliveryActivities>();
            var host = await DurableTaskTestHost.StartAsync(
                registry =>
                {
                    foreach (var (name, create) in DeliveryTasks.Orchestrators)
                    {
                        registry.AddOrchestrator(name, create);
                    }

                    foreach (var (name, activity) in DeliveryTasks.Activities(delivery))
                    {
                        registry.AddActivity(name, new Counted(name, activity, n => engine!.Count(n)));
                    }
                },
                new DurableTaskTestHostOptions
                {
                    // The JSON contract of Azure (Crm.Functions sets the worker's serializer to CrmJson's options).
                    ConfigureServices = s =>
                    {
                        s.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = DurableJson.Converter);
                        s.ConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = DurableJson.Converter);
                    },
                },
                TestContext.Current.CancellationToken);
            engine = new Sdk(host);
            return engine;
        }

        public override async Task<(BatchWorkflowStatus, BatchCompletion?, string?)> WaitAsync(BatchRef batch)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(1));
            var instance = await host.Client.WaitForInstanceCompletionAsync(batch.BatchId, getInputsAndOutputs: true, timeout.Token);
            var state = await Workflows.GetAsync(batch, timeout.Token);
            var output = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<BatchCompletion>() : null;
            return (state!.Status, output, instance.FailureDetails?.ErrorMessage);
        }

        public override ValueTask DisposeAsync() => host.DisposeAsync();
    }

    private sealed class Framework(DurableEngine engine) : DeliveryEngine
    {
        public override IBatchWorkflows Workflows => engine.Workflows;

        public static async Task<DeliveryEngine> StartAsync(IServiceProvider services)
        {
            var durable = services.GetRequiredService<DurableEngine>();
            var framework = new Framework(durable);
            durable.Worker.AddActivityDispatcherMiddleware((context, next) =>
            {
                framework.Count(context.GetProperty<TaskScheduledEvent>().Name!);
                return next();
            });
            await services.StartEngineAsync();
            return framework;
        }

        public override async Task<(BatchWorkflowStatus, BatchCompletion?, string?)> WaitAsync(BatchRef batch)
        {
            var state = await engine.WaitAsync(batch);
            var status = (await Workflows.GetAsync(batch, TestContext.Current.CancellationToken))!;
            var output = state.OrchestrationStatus == OrchestrationStatus.Completed ? (BatchCompletion?)DurableJson.Converter.Deserialize(state.Output, typeof(BatchCompletion)) : null;
            return (status.Status, output, status.Failure);
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Counts each attempt of an activity before running it.</summary>
    private sealed class Counted(string name, ITaskActivity inner, Action<string> count) : ITaskActivity
    {
        public Type InputType => inner.InputType;

        public Type OutputType => inner.OutputType;

        public Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            count(name);
            return inner.RunAsync(context, input);
        }
    }
}
