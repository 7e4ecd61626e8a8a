using Crm.Core;
using Crm.Core.Functions;
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

/// <summary>Crm.Functions, the catalog and Crm.Local name the same functions with the same triggers.</summary>
public sealed class FunctionParityTests
{
    private static readonly string FunctionsDirectory = Path.Combine(AzuriteFixture.RepoRoot, "functions", "Crm.Functions");

    [Fact]
    public void Every_function_in_Crm_Functions_is_in_the_catalog_with_the_same_trigger_and_the_reverse()
    {
        var inSource = FunctionSourceReader.ReadDirectory(FunctionsDirectory);

        var missingFromCatalog = inSource.Except(FunctionCatalog.All).Select(f => f.ToString()).ToList();
        var missingFromFunctions = FunctionCatalog.All.Except(inSource).Select(f => f.ToString()).ToList();

        Assert.True(missingFromCatalog.Count == 0, $"Crm.Functions has functions the catalog lacks or describes differently:\n{string.Join("\n", missingFromCatalog)}");
        Assert.True(missingFromFunctions.Count == 0, $"The catalog has functions Crm.Functions lacks or declares differently:\n{string.Join("\n", missingFromFunctions)}");
        Assert.Equal(inSource.Count, inSource.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public void The_reader_sees_a_route_that_differs_from_the_catalog()
    {
        const string source = """
            [Function("GetCampaign")]
            public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tenants/{tenantId}/campaign/{campaignId}")] HttpRequest r) => null!;
            [Function("DispatchDueCampaigns")]
            public Task Run([TimerTrigger("%DueSchedule%")] TimerInfo t) => null!;
            [Function("SendBatch")]
            public Task Run([ActivityTrigger] BatchRef b) => null!;
            """;

        var read = FunctionSourceReader.Read(source);

        Assert.Equal(3, read.Count);
        Assert.Equal(new FunctionDefinition("SendBatch", TriggerKind.Activity), read[2]);
        Assert.DoesNotContain(read[0], FunctionCatalog.All);
        Assert.DoesNotContain(read[1], FunctionCatalog.All);
        Assert.Equal("DueSchedule", read[1].ScheduleSetting);
    }

    [Fact]
    public void Every_function_is_in_its_own_class_file_named_after_it()
    {
        var files = Directory.EnumerateFiles(FunctionsDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Functions: FunctionSourceReader.Read(File.ReadAllText(f))))
            .Where(f => f.Functions.Count > 0)
            .ToList();

        Assert.All(files, f => Assert.Single(f.Functions));
        Assert.All(files, f => Assert.StartsWith(f.Functions[0].Name, f.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Crm_Local_binds_every_catalog_function()
    {
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddCrmCore()
            .AddCrmStorage(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" })
            .AddCrmProviders(_ => null)
            .AddCrmLocal();

        var bindings = services.BuildServiceProvider().GetRequiredService<LocalBindings>();

        Assert.Empty(bindings.Missing());
    }
}
