using Crm.Core;
using Crm.Core.Functions;
using Crm.Local.Durable;
using Crm.Local.Functions;
using Crm.Local.Hosting;
using Crm.Providers;
using Crm.Storage;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crm.Tests.Parity;

/// <summary>
/// Crm.Functions as its build describes it (functions.metadata), the catalog and Crm.Local name the
/// same functions with the same triggers, routes, methods, key levels, queues, connections and schedules.
/// </summary>
public sealed class FunctionParityTests
{
    private static readonly string FunctionsDirectory = Path.Combine(AzuriteFixture.RepoRoot, "functions", "Crm.Functions");

    private static IReadOnlyList<FunctionMetadata> Built() => FunctionMetadataReader.Read(File.ReadAllText(FunctionMetadataReader.BuiltFile()));

    [Fact]
    public void Every_function_Crm_Functions_builds_is_in_the_catalog_as_it_is_declared_and_the_reverse()
    {
        var built = Built().Select(f => f.Definition).ToList();

        var missingFromCatalog = built.Except(FunctionCatalog.All).Select(f => f.ToString()).ToList();
        var missingFromFunctions = FunctionCatalog.All.Except(built).Select(f => f.ToString()).ToList();

        Assert.True(missingFromCatalog.Count == 0, $"Crm.Functions has functions the catalog lacks or describes differently:\n{string.Join("\n", missingFromCatalog)}");
        Assert.True(missingFromFunctions.Count == 0, $"The catalog has functions Crm.Functions lacks or declares differently:\n{string.Join("\n", missingFromFunctions)}");
        Assert.Equal(built.Count, built.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void Every_queue_trigger_reads_the_Storage_connection()
    {
        var queues = Built().Where(f => f.Definition.Trigger == TriggerKind.Queue).ToList();

        Assert.NotEmpty(queues);
        Assert.All(queues, f => Assert.Equal(SettingNames.Storage, f.Connection));
    }

    [Fact]
    public void The_reader_sees_a_route_a_key_level_and_a_schedule_that_differ_from_the_catalog()
    {
        const string metadata = """
            [
              { "name": "GetCampaign", "entryPoint": "Crm.Functions.Campaigns.GetCampaign.Run",
                "bindings": [ { "name": "request", "direction": "In", "type": "httpTrigger", "authLevel": "Anonymous", "methods": [ "get" ], "route": "tenants/{tenantId}/campaigns/{campaignId}" },
                              { "name": "$return", "type": "http", "direction": "Out" } ] },
              { "name": "DispatchDueCampaigns", "entryPoint": "Crm.Functions.Campaigns.DispatchDueCampaigns.Run",
                "bindings": [ { "name": "timer", "direction": "In", "type": "timerTrigger", "schedule": "0 * * * * *" } ] },
              { "name": "StartDeliveryWorkflow", "entryPoint": "Crm.Functions.Delivery.StartDeliveryWorkflow.Run",
                "bindings": [ { "name": "message", "direction": "In", "type": "queueTrigger", "queueName": "delivery-batches", "connection": "AzureWebJobsStorage" },
                              { "name": "client", "direction": "In", "type": "durableClient" } ] },
              { "name": "SendBatch", "entryPoint": "Crm.Functions.Delivery.SendBatch.Run",
                "bindings": [ { "name": "batch", "direction": "In", "type": "activityTrigger" } ] }
            ]
            """;

        var read = FunctionMetadataReader.Read(metadata);

        Assert.Equal(4, read.Count);
        Assert.DoesNotContain(read[0].Definition, FunctionCatalog.All);
        Assert.Equal("anonymous", read[0].Definition.AuthLevel);
        Assert.DoesNotContain(read[1].Definition, FunctionCatalog.All);
        Assert.Contains(read[2].Definition, FunctionCatalog.All);
        Assert.Equal("AzureWebJobsStorage", read[2].Connection);
        Assert.Equal(FunctionCatalog.Get(FunctionCatalog.SendBatch), read[3].Definition);
    }

    [Fact]
    public void Every_function_is_a_class_of_its_own_in_a_file_named_after_it()
    {
        var classes = Built().Select(f => (f.Definition.Name, Class: f.EntryPoint[..f.EntryPoint.LastIndexOf('.')])).ToList();
        var files = Directory.EnumerateFiles(FunctionsDirectory, "*.cs", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.Equal(classes.Count, classes.Select(c => c.Class).Distinct().Count());
        Assert.All(classes, c => Assert.StartsWith(c.Name, c.Class[(c.Class.LastIndexOf('.') + 1)..], StringComparison.Ordinal));
        Assert.All(classes, c => Assert.Contains(c.Class[(c.Class.LastIndexOf('.') + 1)..], files));
    }

    [Fact]
    public void Crm_Local_binds_every_catalog_function()
    {
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddCrmCore()
            .AddCrmStorage(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" })
            .AddCrmProviders(_ => null)
            .AddCrmLocal(new DurableHostOptions(), "UseDevelopmentStorage=true");

        var bindings = services.BuildServiceProvider().GetRequiredService<LocalBindings>();

        Assert.Empty(bindings.Missing());
    }
}
