using System.Text;
using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Common;

namespace Crm.Tests.Fixtures;

/// <summary>Core's HTTP handlers called in-process, as both hosts call them: route values, a body, a query.</summary>
public static class ApiCalls
{
    public static ApiRequest Request(string? body, object routeValues, IReadOnlyDictionary<string, string>? query = null, string? contentType = null) => new(
        routeValues.GetType().GetProperties().ToDictionary(p => p.Name, p => (string)p.GetValue(routeValues)!, StringComparer.Ordinal),
        new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty)),
        query,
        contentType is null ? null : new Dictionary<string, string> { ["Content-Type"] = contentType });

    /// <summary>The response body as JSON, as a host would write it.</summary>
    public static JsonElement Json(this ApiResponse response) =>
        JsonSerializer.SerializeToElement(response.Body, response.Body?.GetType() ?? typeof(object), CrmJson.Options);

    /// <summary>The fields a problem response names, in order, comma-separated.</summary>
    public static string ErrorFields(this ApiResponse response) =>
        string.Join(", ", (((ProblemDetails)response.Body!).Errors?.Keys ?? []).Order(StringComparer.Ordinal));
}
