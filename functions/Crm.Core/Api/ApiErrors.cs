using System.Text.Json;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Turns what a user can get wrong into 4xx problem details; anything else is a bug and stays
/// an exception, which <see cref="ApiPipeline"/> answers with <see cref="Unexpected"/> and logs.
/// </summary>
public static class ApiErrors
{
    public static async Task<ApiResponse> HandleAsync(Func<Task<ApiResponse>> handler)
    {
        try
        {
            return await handler();
        }
        catch (CrmValidationException ex)
        {
            return Problem(400, "The request has invalid fields.", "Fix the fields listed in errors and send it again.", ex.Errors);
        }
        catch (BodyTooLargeException ex)
        {
            return Problem(413, "The body is too large.", ex.Message, new Dictionary<string, string[]> { ["body"] = [ex.Message] });
        }
        catch (JsonException ex)
        {
            // JSON read outside ApiBody; the serializer's own message may name .NET types, so only its position is kept.
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            var message = $"Not valid JSON for this request at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}.";
            return Problem(400, "The body is not valid JSON for this request.", message, new Dictionary<string, string[]> { [field] = [message] });
        }
        catch (NotFoundException ex)
        {
            return Problem(404, $"{ex.Resource} not found.", ex.Message);
        }
        catch (ConflictException ex)
        {
            return Problem(409, "The request conflicts with the current state.", ex.Message);
        }
    }

    public static ApiResponse Problem(int status, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(status, new ProblemDetails($"https://httpstatuses.io/{status}", title, status, detail, errors));

    /// <summary>A 500 for an error nobody expected: its trace id and nothing of the error itself (no message, type or stack trace).</summary>
    public static ApiResponse Unexpected(string traceId) =>
        new(500, new ProblemDetails(
            "https://httpstatuses.io/500",
            "Something went wrong on our side.",
            500,
            $"The error was logged with trace id {traceId}; quote it when you report this.",
            TraceId: traceId));
}
