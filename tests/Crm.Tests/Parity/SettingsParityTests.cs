using System.Reflection;
using System.Text.Json;
using Crm.Core.Functions;
using Crm.Storage.Clients;
using Crm.Tests.Fixtures;

namespace Crm.Tests.Parity;

/// <summary>
/// One name per setting everywhere: what the code reads (SettingNames, and the triggers in
/// Crm.Functions' functions.metadata), local.settings.sample.json and the app settings in
/// infra/main.bicep agree, in both directions; the tables and queues the code uses are created by
/// the Bicep; schedule defaults match. Bicep is read as text (see <see cref="BicepText"/>).
/// </summary>
public sealed class SettingsParityTests
{
    /// <summary>
    /// The identity-based form of a storage connection named C, as Azure sets it: C__credential and
    /// C__clientId (the user-assigned identity) plus the endpoints. The queue triggers read
    /// C__queueServiceUri; Crm.Storage's StorageOptions reads C__tableServiceUri, C__queueServiceUri
    /// and C__clientId. The plain name C (a connection string) must not appear in Azure.
    /// </summary>
    private static readonly string[] StorageConnectionSuffixes = ["credential", "clientId", "tableServiceUri", "queueServiceUri"];

    /// <summary>Host settings local.settings.sample.json carries for `func start` though no code reads them.</summary>
    private static readonly string[] DocumentedHostSettings = ["FUNCTIONS_WORKER_RUNTIME"];

    /// <summary>Platform settings main.bicep may set besides the code's: host storage by identity, and Application Insights.</summary>
    private static readonly string[] PlatformSettingPrefixes = ["AzureWebJobsStorage__", "APPLICATIONINSIGHTS_"];

    private static string RepoFile(params string[] parts) => Path.Combine([AzuriteFixture.RepoRoot, .. parts]);

    private static string MainBicep() => File.ReadAllText(RepoFile("infra", "main.bicep"));

    private static IReadOnlyList<string> BicepAppSettingNames() =>
        BicepText.ObjectEntries(MainBicep(), "appSettings").Select(e => e.Key).ToList();

    private static IReadOnlyDictionary<string, string> SampleValues()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepoFile("local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    /// <summary>The public const strings of <see cref="SettingNames"/>.</summary>
    private static IReadOnlyList<string> SettingNameConstants() =>
        typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    /// <summary>Crm.Functions as its build describes it: every trigger's schedule setting and connection.</summary>
    private static IReadOnlyList<FunctionMetadata> Functions() => FunctionMetadataReader.Read(File.ReadAllText(FunctionMetadataReader.BuiltFile()));

    /// <summary>
    /// Storage connections: every trigger's connection in Crm.Functions, plus SettingNames.Storage
    /// (StorageOptions.FromSettings reads it as a connection) and AzureWebJobsStorage (the host's and
    /// Durable's task hub, which Crm.Local reads too).
    /// </summary>
    private static ISet<string> ConnectionSettings() =>
        Functions().Select(f => f.Connection).OfType<string>().Append(SettingNames.Storage).Append(SettingNames.AzureWebJobsStorage).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every setting the code reads: SettingNames, plus the schedule settings and connections of Crm.Functions' triggers.</summary>
    private static ISet<string> CodeSettings() =>
        SettingNameConstants()
            .Concat(Functions().Select(f => f.Definition.ScheduleSetting).OfType<string>())
            .Concat(ConnectionSettings())
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_setting_the_code_reads_is_in_the_sample_and_in_main_bicep()
    {
        var sample = SampleValues();
        var bicep = BicepAppSettingNames().ToHashSet(StringComparer.Ordinal);
        var connections = ConnectionSettings();
        var problems = new List<string>();

        foreach (var setting in CodeSettings().Order(StringComparer.Ordinal))
        {
            if (!sample.ContainsKey(setting))
            {
                problems.Add($"{setting}: missing from local.settings.sample.json Values");
            }

            if (connections.Contains(setting))
            {
                // Azure uses the identity-based form; a connection string there would mean a storage key.
                problems.AddRange(StorageConnectionSuffixes
                    .Select(suffix => $"{setting}__{suffix}")
                    .Where(name => !bicep.Contains(name))
                    .Select(name => $"{name}: missing from main.bicep appSettings (identity-based form of connection {setting})"));
                if (bicep.Contains(setting))
                {
                    problems.Add($"{setting}: main.bicep sets the connection-string form; use {setting}__credential/__clientId/__*ServiceUri");
                }
            }
            else if (!bicep.Contains(setting))
            {
                problems.Add($"{setting}: missing from main.bicep appSettings");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_sample_setting_is_read_by_the_code_or_is_a_documented_host_setting()
    {
        var code = CodeSettings();

        var unused = SampleValues().Keys
            .Where(key => !code.Contains(key) && !DocumentedHostSettings.Contains(key, StringComparer.Ordinal))
            .ToList();

        Assert.True(unused.Count == 0, $"local.settings.sample.json has settings nothing reads: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Every_main_bicep_app_setting_is_a_code_setting_an_identity_form_of_one_or_a_platform_setting()
    {
        var code = CodeSettings();
        var connections = ConnectionSettings();
        var names = BicepAppSettingNames();

        bool IsIdentityForm(string name) =>
            connections.Any(c => StorageConnectionSuffixes.Any(suffix => name == $"{c}__{suffix}"));

        var unknown = names
            .Where(name => !(code.Contains(name) && !connections.Contains(name))
                           && !IsIdentityForm(name)
                           && !PlatformSettingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.True(unknown.Count == 0, $"main.bicep sets app settings nothing reads: {string.Join(", ", unknown)}");
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        // Flex Consumption takes the runtime from functionAppConfig.runtime; the setting is deprecated there.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", names);
    }

    [Fact]
    public void Storage_in_main_bicep_is_reached_by_managed_identity_with_every_endpoint_it_needs()
    {
        var entries = BicepText.ObjectEntries(MainBicep(), "appSettings").ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

        // The host and Durable's task hub use blobs, queues and tables.
        string[] host = ["AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri"];
        Assert.All(host, name => Assert.True(entries.ContainsKey(name), $"main.bicep appSettings lacks {name}"));
        Assert.DoesNotContain("AzureWebJobsStorage", entries.Keys);

        var credentials = entries.Where(e => e.Key.EndsWith("__credential", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(credentials);
        Assert.All(credentials, e => Assert.Equal("managedidentity", BicepText.ResolveString(MainBicep(), e.Value)));
    }

    [Fact]
    public void Every_catalog_queue_with_its_poison_queue_and_every_table_is_created_in_main_bicep()
    {
        var bicep = MainBicep();
        var expectedQueues = FunctionCatalog.All
            .Where(f => f.Queue is not null)
            .SelectMany(f => new[] { f.Queue!, $"{f.Queue}-poison" })
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(expectedQueues);
        Assert.Equal(expectedQueues, BicepText.StringArray(bicep, "crmQueueNames").Order(StringComparer.Ordinal));
        Assert.Equal(TableNames.All.Order(StringComparer.Ordinal), BicepText.StringArray(bicep, "crmTableNames").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_schedule_default_in_main_bicep_equals_the_sample()
    {
        var bicep = MainBicep();
        var entries = BicepText.ObjectEntries(bicep, "appSettings").ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var sample = SampleValues();
        var schedules = FunctionCatalog.All.Where(f => f.ScheduleSetting is not null).Select(f => f.ScheduleSetting!).Distinct().ToList();

        Assert.NotEmpty(schedules);
        Assert.All(schedules, setting =>
        {
            Assert.True(entries.TryGetValue(setting, out var expression), $"main.bicep appSettings lacks {setting}");
            var bicepDefault = BicepText.ResolveString(bicep, expression!);
            Assert.True(bicepDefault is not null, $"{setting} = {expression} in main.bicep is neither a string literal nor a parameter with a string default");
            Assert.Equal(sample[setting], bicepDefault);
        });
    }

    [Fact]
    public void The_bicep_reader_finds_app_settings_arrays_and_defaults_in_a_snippet()
    {
        const string snippet = """
            @description('Sweep schedule.')
            param dueSchedule string = '*/5 * * * * *'
            // param commented string = 'no'

            var crmQueueNames = [
              'alpha'
              // 'commented-out'
              'alpha-poison' // trailing comment
            ]

            var appSettings = {
              // Commented__setting: 'ignored'
              Storage__credential: 'managedidentity'
              'Quoted_Name': dueSchedule
              FromModule: identity.outputs.clientId
              Spread: flag
                ? 'a'
                : 'b'
            }

            var other = {
              NotASetting: 'x'
            }
            """;

        var entries = BicepText.ObjectEntries(snippet, "appSettings");

        Assert.Equal(new[] { "Storage__credential", "Quoted_Name", "FromModule", "Spread" }, entries.Select(e => e.Key));
        Assert.Equal("managedidentity", BicepText.ResolveString(snippet, entries[0].Value));
        Assert.Equal("*/5 * * * * *", BicepText.ResolveString(snippet, entries[1].Value));
        Assert.Null(BicepText.ResolveString(snippet, entries[2].Value));
        Assert.Null(BicepText.StringParamDefault(snippet, "commented"));
        Assert.Equal(new[] { "alpha", "alpha-poison" }, BicepText.StringArray(snippet, "crmQueueNames"));
        Assert.Throws<InvalidOperationException>(() => BicepText.ObjectEntries(snippet, "missing"));
    }
}
