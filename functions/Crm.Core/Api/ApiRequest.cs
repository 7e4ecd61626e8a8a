namespace Crm.Core.Api;

/// <summary>An HTTP request as both hosts hand it to Core: route values and the raw body.</summary>
public sealed record ApiRequest(IReadOnlyDictionary<string, string> RouteValues, Stream Body)
{
    public string Route(string name) =>
        RouteValues.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Route value {name} is missing.");
}
