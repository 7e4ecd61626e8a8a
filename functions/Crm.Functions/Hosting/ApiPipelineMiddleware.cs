using Crm.Core.Api;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Crm.Functions.Hosting;

/// <summary>
/// Core's <see cref="ApiPipeline"/> around every HTTP function, as Crm.Local's ASP.NET pipeline
/// runs it: a trace id header, the function's body limit (the worker's Kestrel cap of 30 MB is
/// lifted so that the function's limit decides), and an error that escapes a function answered as
/// Core's 500 problem, through the ASP.NET Core integration's result, and logged with its trace id.
/// Registered after ConfigureFunctionsWebApplication, so it runs inside the integration's own
/// middleware and sees the request's HttpContext.
/// </summary>
internal sealed class ApiPipelineMiddleware(ApiPipeline pipeline) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var function = context.FunctionDefinition.Name;
        var traceId = ApiPipeline.NewTraceId();
        http.Response.Headers[ApiPipeline.TraceIdHeader] = traceId;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = null;
        }

        http.Request.Body = ApiPipeline.LimitBody(function, http.Request.Body, http.Request.ContentLength);
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            context.GetInvocationResult().Value = ApiResults.From(http.Request, pipeline.Unhandled(function, traceId, ex));
        }
    }
}
