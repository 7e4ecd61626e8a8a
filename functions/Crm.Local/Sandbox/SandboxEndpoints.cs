using Crm.Core.Api;
using Crm.Core.Common;
using Crm.Local.Hosting;
using Crm.Providers.Sandbox;

namespace Crm.Local.Sandbox;

/// <summary>
/// Local-only endpoints (not functions, not deployed): what the sandbox provider recorded, and
/// the rules by which it fails recipients.
/// </summary>
public static class SandboxEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/sandbox/messages", async (SandboxProvider sandbox, string? campaignId, CancellationToken cancellationToken) =>
            campaignId is { Length: > 0 and <= 64 } && campaignId.All(char.IsAsciiLetterOrDigit)
                ? Results.Json(await sandbox.MessagesAsync(campaignId, cancellationToken), CrmJson.Options)
                : Results.Json(new ProblemDetails("https://httpstatuses.io/400", "campaignId is required.", 400, "Pass ?campaignId= of the campaign whose messages to list."), CrmJson.Options, statusCode: 400));

        app.MapGet("/api/sandbox/rules", (SandboxProvider sandbox) => Results.Json(sandbox.Rules, CrmJson.Options));

        app.MapPut("/api/sandbox/rules", async (HttpContext http, SandboxProvider sandbox) =>
            await HttpFunctionEndpoint.WriteAsync(http, await ApiErrors.HandleAsync(async () =>
            {
                sandbox.Rules = await ApiBody.ReadAsync<SandboxRules>(http.Request.Body, http.RequestAborted);
                return new ApiResponse(200, sandbox.Rules);
            })));
    }
}
