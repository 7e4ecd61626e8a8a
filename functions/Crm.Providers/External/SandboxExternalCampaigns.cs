using System.Collections.Concurrent;
using Crm.Core.Cohorts;

namespace Crm.Providers.External;

/// <summary>The external campaign port when no URL is configured: records each run once, by run id, and sends nothing.</summary>
public sealed class SandboxExternalCampaigns : IExternalCampaigns
{
    private readonly ConcurrentDictionary<string, ExternalCampaignRun> _runs = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ExternalCampaignRun> Runs => _runs.Values.ToList();

    public Task SendRunAsync(ExternalCampaignRun run, CancellationToken cancellationToken)
    {
        _runs.TryAdd(run.RunId, run);
        return Task.CompletedTask;
    }
}
