using System.Text.Json;
using Crm.Core.Functions;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Parity;

/// <summary>
/// Reads the functions.metadata that the Functions SDK writes when Crm.Functions builds (the test
/// project builds it first): the Functions host's own view of every function, its trigger binding
/// and the method it runs.
/// </summary>
public static class FunctionMetadataReader
{
    /// <summary>The build of Crm.Functions in the configuration these tests were built in.</summary>
    public static string BuiltFile()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(AzuriteFixture.RepoRoot, "functions", "Crm.Functions", "bin", configuration, "net10.0", "functions.metadata");
    }

    public static IReadOnlyList<FunctionMetadata> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var name = function.GetProperty("name").GetString()!;
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string? Text(string property) => trigger.TryGetProperty(property, out var value) ? value.GetString() : null;
            var definition = trigger.GetProperty("type").GetString() switch
            {
                "httpTrigger" => new FunctionDefinition(
                    name, TriggerKind.Http, string.Join(",", trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString())),
                    Text("route"), AuthLevel: Text("authLevel")?.ToLowerInvariant()),
                "queueTrigger" => new FunctionDefinition(name, TriggerKind.Queue, Queue: Text("queueName")),
                "timerTrigger" => new FunctionDefinition(name, TriggerKind.Timer, ScheduleSetting: SettingOf(Text("schedule"))),
                "orchestrationTrigger" => new FunctionDefinition(name, TriggerKind.Orchestration),
                "activityTrigger" => new FunctionDefinition(name, TriggerKind.Activity),
                var other => throw new InvalidOperationException($"{name}: unexpected trigger {other}."),
            };
            return new FunctionMetadata(definition, function.GetProperty("entryPoint").GetString()!, Text("connection"));
        }).ToList();
    }

    // "%DueCampaignsSchedule%" names a setting; a literal NCRONTAB stays as it is and matches no catalog entry.
    private static string? SettingOf(string? schedule) =>
        schedule is ['%', .. var setting, '%'] ? setting : schedule;
}
