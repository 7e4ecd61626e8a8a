using Crm.Core.Campaigns;
using Crm.Core.Functions;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Delivery;

/// <summary>
/// The every-minute timer (O1): queues a dispatch for each campaign whose time has come. It also
/// recovers a now-campaign whose dispatch message was lost, since its due entry stays until dispatched.
/// </summary>
public sealed partial class DueCampaignSweep(ICampaignStore campaigns, IMessageQueue queue, TimeProvider time, ILogger<DueCampaignSweep> logger)
{
    /// <summary>
    /// How overdue an entry is before the sweep checks its campaign. A submission writes the due entry
    /// before the campaign and takes seconds; one killed in between leaves an entry with no campaign,
    /// which would be dispatched (and skipped) every minute forever. A retry of that submission under
    /// its Idempotency-Key writes the same entry again.
    /// </summary>
    public static readonly TimeSpan OrphanAfter = TimeSpan.FromMinutes(10);

    /// <summary>Queues the due campaigns; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var due in await campaigns.ListDueAsync(now, cancellationToken))
        {
            if (due.SendAt < now - OrphanAfter && await IsOrphanAsync(due, cancellationToken))
            {
                await campaigns.RemoveDueAsync(due, cancellationToken);
                LogOrphanRemoved(logger, due.TenantId, due.CampaignId, due.SendAt);
                continue;
            }

            await queue.EnqueueAsync(QueueNames.CampaignDispatch, new DispatchRequest(due.TenantId, due.CampaignId), cancellationToken);
            queued++;
        }

        return queued;
    }

    // No campaign was ever stored for it, or its campaign has finished and needs no dispatch.
    private async Task<bool> IsOrphanAsync(DueCampaign due, CancellationToken cancellationToken) =>
        await campaigns.GetAsync(due.TenantId, due.CampaignId, cancellationToken) is not { } campaign
        || campaign.Status is not (CampaignStatus.Scheduled or CampaignStatus.Sending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Due entry of campaign {CampaignId} ({TenantId}, due {SendAt:u}) removed: the campaign was never stored or has finished")]
    private static partial void LogOrphanRemoved(ILogger logger, string tenantId, string campaignId, DateTimeOffset sendAt);
}
