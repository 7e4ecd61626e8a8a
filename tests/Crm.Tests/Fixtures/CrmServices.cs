using Crm.Core;
using Crm.Core.Credits;
using Crm.Core.Delivery;
using Crm.Core.Tenants;
using Crm.Local.Durable;
using Crm.Local.Hosting;
using Crm.Providers;
using Crm.Providers.Sandbox;
using Crm.Storage;
using Crm.Storage.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using DurableTask.Core;

namespace Crm.Tests.Fixtures;

/// <summary>
/// The CRM's real services in this process, exactly as Crm.Local registers them, on the test
/// Azurite, with a clock the test controls: for scenarios that need time or crashes. Each provider
/// has a Durable task hub of its own, so engines of different tests never take each other's work.
/// </summary>
public static class CrmServices
{
    /// <param name="hub">The task hub; two providers given the same one play two hosts of one deployment.</param>
    /// <param name="settings">Settings over <see cref="TestSettings"/> (null: take those).</param>
    /// <param name="configure">Last changes to the registrations, e.g. a decorator that acts at a chosen moment.</param>
    public static ServiceProvider Create(AzuriteFixture azurite, FakeTimeProvider? time = null, DurableHostOptions? hub = null, Func<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton<TimeProvider>(time ?? (TimeProvider)TimeProvider.System)
            .AddCrmCore()
            .AddCrmStorage(new StorageOptions { ConnectionString = azurite.ConnectionString })
            .AddCrmProviders(name => settings?.Invoke(name) ?? TestSettings(name))
            .AddCrmLocal(hub ?? TestHub(), azurite.ConnectionString);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The sandbox reports at once (most tests are about what follows a result, not about waiting for
    /// it; report timing has tests of its own), and a step waiting for reports asks every 200 ms.
    /// </summary>
    public static string? TestSettings(string name) => name switch
    {
        Crm.Core.Functions.SettingNames.SandboxReportDelay => "00:00:00",
        Crm.Core.Functions.SettingNames.DeliveryReportsPollInterval => "00:00:00.200",
        _ => null,
    };

    /// <summary>A task hub of its own, one partition, polled often: a test waits for its workflows, not for back-off.</summary>
    public static DurableHostOptions TestHub(string? name = null) => new()
    {
        HubName = name ?? "t" + Guid.NewGuid().ToString("N")[..16],
        PartitionCount = 1,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250),
        WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
        ControlQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
    };

    /// <summary>
    /// Runs a batch's delivery workflow to its end on this provider's Durable engine (the Durable Task
    /// Framework on Azurite, as Crm.Local runs it), started as the delivery-batches queue starts it.
    /// </summary>
    public static async Task<OrchestrationState> RunWorkflowAsync(this IServiceProvider services, BatchRef batch)
    {
        var engine = await services.StartEngineAsync();
        await engine.Workflows.StartAsync(batch, TestContext.Current.CancellationToken);
        return await engine.WaitAsync(batch);
    }

    public static async Task<DurableEngine> StartEngineAsync(this IServiceProvider services)
    {
        var engine = services.GetRequiredService<DurableEngine>();
        if (!engine.IsStarted)
        {
            await engine.StartAsync(TestContext.Current.CancellationToken);
        }

        return engine;
    }

    /// <summary>Waits for the batch's workflow to finish (two minutes at most: CI machines are slow) and returns its final state.</summary>
    public static async Task<OrchestrationState> WaitAsync(this DurableEngine engine, BatchRef batch, TimeSpan? timeout = null)
    {
        // The framework's own wait polls every 2 s; a test's workflow takes a fraction of that.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        OrchestrationState? state = null;
        while (DateTime.UtcNow < deadline)
        {
            state = await engine.Client.GetOrchestrationStateAsync(batch.BatchId);
            if (state?.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated)
            {
                return state;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The workflow of batch {batch.BatchId} did not finish in time; last status {state?.OrchestrationStatus}.");
    }

    /// <summary>What the sandbox "sent" for a campaign (its Table Storage record), each message as it stands now.</summary>
    public static Task<IReadOnlyList<SandboxMessage>> SentAsync(this IServiceProvider services, string campaignId) =>
        services.GetRequiredService<SandboxProvider>().MessagesAsync(campaignId, TestContext.Current.CancellationToken);

    /// <summary>A new tenant with sender number 02-1234-5678, a Kakao channel and <paramref name="credits"/>; fallback as given.</summary>
    public static async Task<string> NewTenantAsync(this IServiceProvider services, long credits, params Channel[] fallback)
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Ids.Tenant();
        await services.GetRequiredService<ITenantStore>().SaveAsync(new Tenant
        {
            TenantId = tenant,
            Name = "테스트 상점",
            SenderNumbers = new HashSet<string> { "0212345678" },
            KakaoChannelId = "@test-shop",
            FallbackChannels = fallback.ToHashSet(),
        }, ct);
        await services.GetRequiredService<WalletService>().AdjustAsync(tenant, "seed", credits, "test credits", ct);
        return tenant;
    }
}
