using Crm.Core.Campaigns;
using Crm.Core.Functions;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Delivery;

/// <summary>
/// Turns a due campaign into queued batches of 1,000 (D1). Safe to run again for the same
/// campaign: batches are rewritten identically and batch messages are de-duplicated downstream
/// by workflow instance id.
/// </summary>
public sealed partial class CampaignDispatcher(
    ICampaignStore campaigns,
    IBatchStore batches,
    IMessageQueue queue,
    TimeProvider time,
    ILogger<CampaignDispatcher> logger)
{
    /// <summary>Batches written per store call: bounds memory to 10,000 recipients.</summary>
    private const int BatchesPerWrite = 10;

    public async Task DispatchAsync(DispatchRequest request, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(request.TenantId, request.CampaignId, cancellationToken);
        if (campaign is null)
        {
            LogMissing(logger, request.CampaignId);
            return;
        }

        if (campaign.SendAt > time.GetUtcNow())
        {
            return;
        }

        if (campaign.Status == CampaignStatus.Scheduled)
        {
            campaign = await CutBatchesAsync(campaign, cancellationToken);
        }

        if (campaign.Status == CampaignStatus.Sending)
        {
            for (var n = 1; n <= campaign.BatchCount; n++)
            {
                await queue.EnqueueAsync(QueueNames.DeliveryBatches, new BatchRef(campaign.TenantId, campaign.CampaignId, n), cancellationToken);
            }

            LogDispatched(logger, campaign.CampaignId, campaign.RecipientCount, campaign.BatchCount);
        }

        await campaigns.RemoveDueAsync(new DueCampaign(campaign.TenantId, campaign.CampaignId, campaign.SendAt), cancellationToken);
    }

    private async Task<Campaign> CutBatchesAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var pending = new List<Batch>(BatchesPerWrite);
        var current = new List<Recipient>(Batch.Size);
        var batchNumber = 0;
        var total = 0;

        async Task FlushAsync(bool all)
        {
            if (current.Count == Batch.Size || (all && current.Count > 0))
            {
                pending.Add(new Batch(new BatchRef(campaign.TenantId, campaign.CampaignId, ++batchNumber), current));
                current = new List<Recipient>(Batch.Size);
            }

            if (pending.Count == BatchesPerWrite || (all && pending.Count > 0))
            {
                await batches.SaveAsync(pending, cancellationToken);
                pending.Clear();
            }
        }

        await foreach (var chunk in campaigns.ReadRecipientsAsync(campaign.TenantId, campaign.CampaignId, cancellationToken))
        {
            foreach (var recipient in chunk)
            {
                current.Add(recipient);
                total++;
                await FlushAsync(all: false);
            }
        }

        await FlushAsync(all: true);

        var updated = campaign with
        {
            Status = batchNumber == 0 ? CampaignStatus.Completed : CampaignStatus.Sending,
            BatchCount = batchNumber,
            RecipientCount = total,
            CompletedAt = batchNumber == 0 ? time.GetUtcNow() : null,
        };
        if (await campaigns.TryUpdateAsync(updated, cancellationToken))
        {
            return updated;
        }

        // Someone else dispatched it meanwhile: follow what they stored.
        return await campaigns.GetAsync(campaign.TenantId, campaign.CampaignId, cancellationToken) ?? updated;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch of campaign {CampaignId} skipped: it does not exist")]
    private static partial void LogMissing(ILogger logger, string campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} dispatched: {Recipients} recipients in {Batches} batches")]
    private static partial void LogDispatched(ILogger logger, string campaignId, int recipients, int batches);
}
