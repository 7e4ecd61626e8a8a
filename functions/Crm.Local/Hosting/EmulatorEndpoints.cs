namespace Crm.Local.Hosting;

/// <summary>The Azurite ports a storage connection string points at, when it points at this machine.</summary>
public sealed record EmulatorEndpoints(int BlobPort, int QueuePort, int TablePort)
{
    public static EmulatorEndpoints? From(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var isDev) && isDev)
        {
            return new EmulatorEndpoints(10000, 10001, 10002);
        }

        int? Port(string key) =>
            parts.TryGetValue(key, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.IsLoopback ? uri.Port : null;

        return Port("TableEndpoint") is { } table && Port("QueueEndpoint") is { } queue
            ? new EmulatorEndpoints(Port("BlobEndpoint") ?? 0, queue, table)
            : null;
    }
}
