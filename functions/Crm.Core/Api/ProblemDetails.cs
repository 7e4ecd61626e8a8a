namespace Crm.Core.Api;

/// <summary>
/// RFC 9457 problem details; <see cref="Errors"/> names each field to fix; <see cref="TraceId"/>
/// (on a 500) finds the logged error, as the Trace-Id header does on every response.
/// </summary>
public sealed record ProblemDetails(
    string Type, string Title, int Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors = null, string? TraceId = null);
