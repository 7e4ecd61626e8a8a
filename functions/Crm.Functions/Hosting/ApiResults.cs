using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Functions.Hosting;

/// <summary>Writes Core's response with Core's JSON options, byte for byte what Crm.Local writes.</summary>
internal static class ApiResults
{
    public static ApiRequest Request(HttpRequest request, params (string Name, string Value)[] routeValues) => new(
        routeValues.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal),
        request.Body,
        request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));

    public static IActionResult From(HttpRequest request, ApiResponse response)
    {
        if (response.Location is not null)
        {
            request.HttpContext.Response.Headers.Location = response.Location;
        }

        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            request.HttpContext.Response.Headers[name] = value;
        }

        return new ContentResult
        {
            StatusCode = response.StatusCode,
            ContentType = response.Body is null ? null : response.IsProblem ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8",
            Content = response.Body is null ? null : JsonSerializer.Serialize(response.Body, response.Body.GetType(), CrmJson.Options),
        };
    }
}
