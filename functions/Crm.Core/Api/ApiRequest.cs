namespace Crm.Core.Api;

/// <summary>An HTTP request as both hosts hand it to Core: route values, query, headers and the raw body.</summary>
public sealed record ApiRequest(
    IReadOnlyDictionary<string, string> RouteValues,
    Stream Body,
    IReadOnlyDictionary<string, string>? Query = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public string Route(string name) =>
        RouteValues.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Route value {name} is missing.");

    public string? QueryValue(string name) => Query is not null && Query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string? Header(string name) =>
        Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value ? value : null;

    /// <summary>A page size from the query: 1 to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public int PageSize(int fallback = 100, int max = 1000)
    {
        var raw = QueryValue("pageSize");
        if (raw is null)
        {
            return fallback;
        }

        return int.TryParse(raw, out var size) && size >= 1 && size <= max
            ? size
            : throw new Common.CrmValidationException("pageSize", $"pageSize must be a whole number from 1 to {max}.");
    }
}
