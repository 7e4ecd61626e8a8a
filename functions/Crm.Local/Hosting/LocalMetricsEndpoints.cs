using Crm.Core.Common;
using Crm.Providers.Sandbox;
using Crm.Storage.Clients;

namespace Crm.Local.Hosting;

/// <summary>Local-only: the storage request counter, to measure what a campaign costs in transactions.</summary>
public static class LocalMetricsEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/local/metrics", (RequestCounter counter, SandboxProvider sandbox) =>
            Results.Json(new { storageRequests = counter.Total, storageRequestsByOperation = counter.ByOperation, providerCalls = sandbox.Calls }, CrmJson.Options));
    }
}
