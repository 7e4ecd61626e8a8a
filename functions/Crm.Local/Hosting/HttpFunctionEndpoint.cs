using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Common;

namespace Crm.Local.Hosting;

/// <summary>Binds a Core HTTP function to a Kestrel route, writing its response as the Functions app does.</summary>
public static class HttpFunctionEndpoint
{
    public static void Map(WebApplication app, string method, string route, Func<ApiRequest, CancellationToken, Task<ApiResponse>> function) =>
        app.MapMethods($"/api/{route}", [method.ToUpperInvariant()], async (HttpContext http) =>
        {
            var routeValues = http.Request.RouteValues.ToDictionary(v => v.Key, v => Convert.ToString(v.Value) ?? string.Empty, StringComparer.Ordinal);
            var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var response = await function(new ApiRequest(routeValues, http.Request.Body, query, headers), http.RequestAborted);
            await WriteAsync(http, response);
        });

    public static async Task WriteAsync(HttpContext http, ApiResponse response)
    {
        http.Response.StatusCode = response.StatusCode;
        if (response.Location is not null)
        {
            http.Response.Headers.Location = response.Location;
        }

        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            http.Response.ContentType = response.IsProblem ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, response.Body, response.Body.GetType(), CrmJson.Options, http.RequestAborted);
        }
    }
}
