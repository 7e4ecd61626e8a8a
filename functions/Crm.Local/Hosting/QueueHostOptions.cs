using System.Globalization;
using System.Text.Json;

namespace Crm.Local.Hosting;

/// <summary>
/// host.json's extensions.queues, with the Functions host's defaults for what it leaves out, so
/// the local listeners batch, retry and poison messages exactly as Azure will.
/// </summary>
public sealed record QueueHostOptions
{
    public int BatchSize { get; init; } = 16;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Delay before a failed message is visible again (host.json visibilityTimeout).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    public static QueueHostOptions Load(string hostJsonPath)
    {
        var options = new QueueHostOptions();
        if (!File.Exists(hostJsonPath))
        {
            return options;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return options;
        }

        foreach (var p in queues.EnumerateObject())
        {
            options = p.Name.ToLowerInvariant() switch
            {
                "batchsize" => options with { BatchSize = Math.Clamp(p.Value.GetInt32(), 1, 32) },
                "maxdequeuecount" => options with { MaxDequeueCount = Math.Max(1, p.Value.GetInt32()) },
                "visibilitytimeout" => options with { VisibilityTimeout = TimeSpan.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture) },
                "maxpollinginterval" => options with { MaxPollingInterval = TimeSpan.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture) },
                _ => options,
            };
        }

        return options;
    }
}
