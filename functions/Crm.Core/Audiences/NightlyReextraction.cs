using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Audiences;

/// <summary>
/// G2: every night at 01:00 KST (NightlyReextractSchedule, in UTC) every group of every tenant is
/// re-extracted. One tenant's failure is recorded on its groups and does not stop the others.
/// </summary>
public sealed partial class NightlyReextraction(ITenantStore tenants, GroupExtractor extractor, ILogger<NightlyReextraction> logger)
{
    public async Task<(int Tenants, int Failed)> RunAsync(CancellationToken cancellationToken)
    {
        int count = 0, failed = 0;
        await foreach (var tenantId in tenants.ListIdsAsync(cancellationToken))
        {
            count++;
            try
            {
                await extractor.ExtractAsync(tenantId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                LogFailed(logger, ex, tenantId);
                await extractor.RecordFailureAsync(tenantId, ex.Message, cancellationToken);
            }
        }

        LogDone(logger, count, failed);
        return (count, failed);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Nightly re-extraction of tenant {TenantId} failed; continuing with the others")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly re-extraction done: {Tenants} tenants, {Failed} failed")]
    private static partial void LogDone(ILogger logger, int tenants, int failed);
}
