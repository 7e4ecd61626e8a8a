using System.Globalization;
using System.Text.Json;

namespace Crm.Local.Durable;

/// <summary>
/// host.json's extensions.durableTask, with Durable Functions' defaults for what it leaves out, so
/// Crm.Local's task hub has the name, partitions, polling and visibility timeouts Azure uses. As in
/// Azure, an app setting AzureFunctionsJobHost__extensions__durableTask__… overrides a host.json value
/// (e.g. …__storageProvider__workItemQueueVisibilityTimeout=00:00:10 for a crash soak).
/// </summary>
public sealed record DurableHostOptions
{
    public string HubName { get; init; } = "TestHubName";

    /// <summary>The setting holding the task hub's storage connection.</summary>
    public string ConnectionName { get; init; } = "AzureWebJobsStorage";

    public int PartitionCount { get; init; } = 4;

    /// <summary>The longest an idle control or work-item queue waits between polls.</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a dequeued activity message stays hidden; renewed while it runs, so after a crash it is redelivered this late.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The same for orchestration (control queue) messages.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    private const string OverridePrefix = "AzureFunctionsJobHost__extensions__durableTask__";

    private static readonly string[] ProviderSettings =
        ["connectionName", "partitionCount", "maxQueuePollingInterval", "workItemQueueVisibilityTimeout", "controlQueueVisibilityTimeout"];

    public static DurableHostOptions Load(string hostJsonPath, Func<string, string?>? setting = null)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(hostJsonPath))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("durableTask", out var durable))
            {
                if (durable.TryGetProperty("hubName", out var hub))
                {
                    values["hubName"] = hub.GetString()!;
                }

                if (durable.TryGetProperty("storageProvider", out var provider))
                {
                    foreach (var p in provider.EnumerateObject())
                    {
                        values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    }
                }
            }
        }

        if (setting is not null)
        {
            if (setting(OverridePrefix + "hubName") is { Length: > 0 } hubName)
            {
                values["hubName"] = hubName;
            }

            foreach (var name in ProviderSettings)
            {
                if (setting($"{OverridePrefix}storageProvider__{name}") is { Length: > 0 } value)
                {
                    values[name] = value;
                }
            }
        }

        var options = new DurableHostOptions();
        static TimeSpan Time(string value) => TimeSpan.Parse(value, CultureInfo.InvariantCulture);
        foreach (var (name, value) in values)
        {
            options = name.ToLowerInvariant() switch
            {
                "hubname" => options with { HubName = value },
                "connectionname" => options with { ConnectionName = value },
                "partitioncount" => options with { PartitionCount = Math.Clamp(int.Parse(value, CultureInfo.InvariantCulture), 1, 16) },
                "maxqueuepollinginterval" => options with { MaxQueuePollingInterval = Time(value) },
                "workitemqueuevisibilitytimeout" => options with { WorkItemQueueVisibilityTimeout = Time(value) },
                "controlqueuevisibilitytimeout" => options with { ControlQueueVisibilityTimeout = Time(value) },
                _ => options,
            };
        }

        return options;
    }
}
