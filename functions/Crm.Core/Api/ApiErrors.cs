using System.Text.Json;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Turns what a user can get wrong into 4xx problem details; anything else is a bug and stays
/// an exception for the host to log.
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
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return Problem(400, "The body is not valid JSON for this request.", ex.Message, new Dictionary<string, string[]> { [field] = [ex.Message] });
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
}
