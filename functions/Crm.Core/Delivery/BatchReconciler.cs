using Crm.Core.Campaigns;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Delivery;

/// <summary>
/// The ReconcileBatches timer: no batch stays "sending" forever. For each sending campaign whose
/// check is due, every batch without a completion is looked up in the workflow engine; a batch
/// whose workflow failed or was terminated, or that has no workflow long after it was queued, is
/// settled (<see cref="DeliveryActivities.SettleAsync"/>): refunded, its reason kept on the
/// campaign, an error logged. A campaign stops being checked once every batch is settled.
/// Reads only due checks (one range of one partition) and the batch markers of those campaigns.
/// </summary>
public sealed partial class BatchReconciler(ICampaignStore campaigns, DeliveryActivities delivery, TimeProvider time, ILogger<BatchReconciler> logger)
{
    /// <summary>How long after its batches were cut a campaign is first checked, and how often again.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(10);

    /// <summary>A batch with no workflow this long after its campaign started sending lost its queue message.</summary>
    public static readonly TimeSpan VanishedAfter = TimeSpan.FromMinutes(30);

    /// <summary>Campaigns looked at per run; the rest wait for the next run.</summary>
    public const int MaxCampaignsPerRun = 100;

    /// <summary>Checks the due campaigns of every tenant; returns how many batches it settled.</summary>
    public Task<int> RunAsync(IBatchWorkflows workflows, CancellationToken cancellationToken) => RunAsync(workflows, null, cancellationToken);

    /// <summary>The same for one tenant only (a support call, or a test with a clock of its own).</summary>
    public async Task<int> RunAsync(IBatchWorkflows workflows, string? tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settled = 0;
        foreach (var check in await campaigns.ListChecksAsync(now, MaxCampaignsPerRun, tenantId, cancellationToken))
        {
            try
            {
                settled += await CheckAsync(workflows, check, now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One campaign's trouble must not stop the others; its check stays due for the next run.
                LogCheckFailed(logger, ex, check.CampaignId);
            }
        }

        return settled;
    }

    private async Task<int> CheckAsync(IBatchWorkflows workflows, CampaignCheck check, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(check.TenantId, check.CampaignId, cancellationToken);
        if (campaign is null || (campaign.Status != CampaignStatus.Scheduled && campaign.BatchesCompleted >= campaign.BatchCount))
        {
            await campaigns.RemoveCheckAsync(check, cancellationToken);
            return 0;
        }

        var settled = 0;
        var unsettled = campaign.Status == CampaignStatus.Scheduled;
        var completed = campaign.Status == CampaignStatus.Scheduled ? new HashSet<int>() : await campaigns.ListCompletedBatchesAsync(campaign.TenantId, campaign.CampaignId, cancellationToken);
        for (var n = 1; n <= campaign.BatchCount; n++)
        {
            if (completed.Contains(n))
            {
                continue;
            }

            var batch = new BatchRef(campaign.TenantId, campaign.CampaignId, n);
            var state = await workflows.GetAsync(batch, cancellationToken);
            var reason = state switch
            {
                { HasFailed: true } => $"The delivery workflow of batch {n} {state.Status.ToString().ToLowerInvariant()}: {state.Failure ?? "no reason given"}",
                null when now - check.SendingSince >= VanishedAfter && !IsUnpaid(campaign, n) =>
                    $"The delivery workflow of batch {n} never started within {VanishedAfter.TotalMinutes:N0} minutes (its queue message was lost or poisoned).",
                _ => null,
            };
            if (reason is null)
            {
                unsettled = true;
                continue;
            }

            // A workflow that failed holds the claim it took; one that "vanished" may only be late, and wins if it claimed the batch meanwhile.
            if (await delivery.SettleAsync(batch, reason, workflowEnded: state is not null, cancellationToken) is null)
            {
                unsettled = true;
                continue;
            }

            settled++;
        }

        // Checked again later while anything is unsettled; the new check is written before the old one goes.
        if (unsettled)
        {
            await campaigns.AddCheckAsync(check with { CheckAt = now + CheckInterval }, cancellationToken);
        }

        await campaigns.RemoveCheckAsync(check, cancellationToken);
        return settled;
    }

    // Unpaid batches (D2) are closed by the dispatcher itself, never by a workflow.
    private static bool IsUnpaid(Campaign campaign, int batchNumber) => campaign.UnpaidFromBatch > 0 && batchNumber >= campaign.UnpaidFromBatch;

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation of campaign {CampaignId} failed; it is checked again next run")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string campaignId);
}
