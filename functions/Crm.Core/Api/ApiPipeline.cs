using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Api;

/// <summary>
/// What both hosts do around every HTTP function, so they answer alike: a trace id on every
/// response (<see cref="TraceIdHeader"/>), the function's body limit (<see cref="BodyLimits"/>)
/// applied while its body is read, and an error nothing else handled answered as a 500 problem
/// with that trace id and without the error's message, type or stack trace, which go to the log
/// under the same id.
/// </summary>
public sealed partial class ApiPipeline(ILogger<ApiPipeline> logger)
{
    public const string TraceIdHeader = "Trace-Id";

    /// <summary>The current activity's W3C trace id (Application Insights' operation id), or a new one.</summary>
    public static string NewTraceId() =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : ActivityTraceId.CreateRandom().ToHexString();

    /// <summary>The request body as <paramref name="function"/> may read it; <paramref name="declaredLength"/> is its Content-Length.</summary>
    public static Stream LimitBody(string function, Stream body, long? declaredLength) =>
        new LimitedBodyStream(body, BodyLimits.For(function), declaredLength);

    /// <summary>Logs an error that escaped <paramref name="function"/> and gives the 500 to answer with.</summary>
    public ApiResponse Unhandled(string function, string traceId, Exception exception)
    {
        LogUnhandled(logger, exception, function, traceId);
        return ApiErrors.Unexpected(traceId);
    }

    [LoggerMessage(EventId = 9100, EventName = "UnhandledRequestError", Level = LogLevel.Error,
        Message = "{Function} failed with an unexpected error, answered 500 with trace id {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string function, string traceId);
}
