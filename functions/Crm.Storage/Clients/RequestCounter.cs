using System.Collections.Concurrent;
using Azure.Core;

namespace Crm.Storage.Clients;

/// <summary>
/// Counts every storage request that goes on the wire, retries included (each is billed), by
/// service and operation, so cost per 1,000 recipients is measured rather than guessed.
/// </summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Counts by "VERB service/resource", e.g. "POST table/$batch" or "DELETE queue/delivery-batches".</summary>
    public IReadOnlyDictionary<string, long> ByOperation => new SortedDictionary<string, long>(_byOperation, StringComparer.Ordinal);

    /// <summary>Counts the requests of another storage client too (the Durable Task Framework's), as <paramref name="service"/>.</summary>
    public void AddTo(ClientOptions options, string service) => options.AddPolicy(new CountingPolicy(this, service), HttpPipelinePosition.PerRetry);

    public void Reset()
    {
        _byOperation.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    internal void Count(string service, Request request)
    {
        Interlocked.Increment(ref _total);
        _byOperation.AddOrUpdate($"{request.Method} {service}/{ResourceOf(request.Uri.ToUri())}", 1, (_, n) => n + 1);
    }

    // The table or queue name; Azurite and other path-style endpoints put the account name first.
    private static string ResourceOf(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = segments.Length > 1 && uri.Host is "127.0.0.1" or "localhost" ? 1 : 0;
        return index < segments.Length ? segments[index].Split('(')[0] : string.Empty;
    }
}
