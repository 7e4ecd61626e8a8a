using System.Globalization;
using System.Text.Json;

namespace Crm.Local.Durable;

/// <summary>
/// host.json's extensions.durableTask, with Durable Functions' defaults for what it leaves out, so
/// Crm.Local's task hub has the name, partitions, polling and visibility timeouts Azure uses.
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

    public static DurableHostOptions Load(string hostJsonPath)
    {
        var options = new DurableHostOptions();
        if (!File.Exists(hostJsonPath))
        {
            return options;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("durableTask", out var durable))
        {
            return options;
        }

        if (durable.TryGetProperty("hubName", out var hub))
        {
            options = options with { HubName = hub.GetString()! };
        }

        if (!durable.TryGetProperty("storageProvider", out var provider))
        {
            return options;
        }

        static TimeSpan Time(JsonElement value) => TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture);
        foreach (var p in provider.EnumerateObject())
        {
            options = p.Name.ToLowerInvariant() switch
            {
                "connectionname" => options with { ConnectionName = p.Value.GetString()! },
                "partitioncount" => options with { PartitionCount = Math.Clamp(p.Value.GetInt32(), 1, 16) },
                "maxqueuepollinginterval" => options with { MaxQueuePollingInterval = Time(p.Value) },
                "workitemqueuevisibilitytimeout" => options with { WorkItemQueueVisibilityTimeout = Time(p.Value) },
                "controlqueuevisibilitytimeout" => options with { ControlQueueVisibilityTimeout = Time(p.Value) },
                _ => options,
            };
        }

        return options;
    }
}
