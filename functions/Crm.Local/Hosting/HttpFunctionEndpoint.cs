using System.Text.Json;
using Crm.Core.Api;
using Crm.Core.Common;
using Crm.Core.Functions;
using Microsoft.AspNetCore.Http.Features;

namespace Crm.Local.Hosting;

/// <summary>Binds a Core HTTP function to a Kestrel route, writing its response as the Functions app does.</summary>
public static class HttpFunctionEndpoint
{
    public static void Map(WebApplication app, FunctionDefinition function, Func<ApiRequest, CancellationToken, Task<ApiResponse>> handler) =>
        app.MapMethods($"/api/{function.Route}", [function.Method!.ToUpperInvariant()], async (HttpContext http) =>
        {
            var routeValues = http.Request.RouteValues.ToDictionary(v => v.Key, v => Convert.ToString(v.Value) ?? string.Empty, StringComparer.Ordinal);
            var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var response = await handler(new ApiRequest(routeValues, http.Request.Body, query, headers), http.RequestAborted);
            await WriteAsync(http, response);
        }).WithMetadata(function);

    /// <summary>
    /// Core's <see cref="ApiPipeline"/> around every request, as Crm.Functions' worker middleware
    /// runs it: a trace id header; for a catalog function, its body limit (Kestrel's own 30 MB cap is
    /// lifted there, so the function's limit decides); an unhandled error answered as Core's 500 and logged.
    /// </summary>
    public static void UsePipeline(WebApplication app)
    {
        var pipeline = app.Services.GetRequiredService<ApiPipeline>();
        app.Use(async (HttpContext http, RequestDelegate next) =>
        {
            var traceId = ApiPipeline.NewTraceId();
            http.Response.Headers[ApiPipeline.TraceIdHeader] = traceId;
            var function = http.GetEndpoint()?.Metadata.GetMetadata<FunctionDefinition>();
            if (function is not null)
            {
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
                {
                    serverLimit.MaxRequestBodySize = null;
                }

                http.Request.Body = ApiPipeline.LimitBody(function.Name, http.Request.Body, http.Request.ContentLength);
            }

            try
            {
                await next(http);
            }
            catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
            {
                var response = pipeline.Unhandled(function?.Name ?? http.Request.Path.Value ?? "request", traceId, ex);
                if (http.Response.HasStarted)
                {
                    http.Abort();
                    return;
                }

                http.Response.Clear();
                http.Response.Headers[ApiPipeline.TraceIdHeader] = traceId;
                await WriteAsync(http, response);
            }
        });
    }

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
