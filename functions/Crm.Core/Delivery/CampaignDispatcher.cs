using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Functions;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Delivery;

/// <summary>
/// Turns a due campaign into paid, queued batches of 1,000 (D1): applies the night rule (C4),
/// cuts batches, then charges them in order (D2) or all at once for FriendTalk (D3). A batch the
/// wallet cannot pay, and every batch after it, fails "insufficient credits" and is never sent.
/// Safe to run again: charges are keyed by batch id, batches and outcomes are rewritten
/// identically, and batch messages are de-duplicated downstream by workflow instance id.
/// </summary>
public sealed partial class CampaignDispatcher(
    ITenantStore tenants,
    ICampaignStore campaigns,
    CampaignAudience audience,
    IOptOutStore optOuts,
    IBatchStore batches,
    IOutcomeStore outcomes,
    WalletService wallet,
    IMessageQueue queue,
    TimeProvider time,
    ILogger<CampaignDispatcher> logger)
{
    /// <summary>Batches written per store call: bounds memory to 10,000 recipients.</summary>
    private const int BatchesPerWrite = 10;

    /// <summary>The pseudo-batch holding recipients the night rule skipped before any batch was cut.</summary>
    public const int SkippedBatchNumber = 0;

    public async Task DispatchAsync(DispatchRequest request, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(request.TenantId, request.CampaignId, cancellationToken);
        var tenant = await tenants.GetAsync(request.TenantId, cancellationToken);
        if (campaign is null || tenant is null)
        {
            LogMissing(logger, request.CampaignId);
            return;
        }

        var now = time.GetUtcNow();
        if (campaign.DueAt > now)
        {
            return;
        }

        var due = new DueCampaign(campaign.TenantId, campaign.CampaignId, campaign.DueAt);
        if (campaign.Recurrence is not null)
        {
            if (campaign.Status == CampaignStatus.Scheduled)
            {
                await StartRunAsync(campaign, tenant, now, cancellationToken);
            }

            await campaigns.RemoveDueAsync(due, cancellationToken);
            return;
        }

        if (campaign.Status == CampaignStatus.Scheduled)
        {
            if (NightRule.Applies(campaign, now, tenant.TimeZone) && campaign.NightPolicy == NightPolicy.Hold)
            {
                await HoldUntilMorningAsync(campaign, due, NightRule.NextMorning(now, tenant.TimeZone), cancellationToken);
                return;
            }

            try
            {
                campaign = await CutBatchesAsync(campaign, tenant, skipNightRestricted: NightRule.Applies(campaign, now, tenant.TimeZone), cancellationToken);
            }
            catch (GroupUnusableException ex)
            {
                // Retrying cannot help: the campaign fails with the reason instead of being poisoned and re-queued every minute.
                if (!await campaigns.TryUpdateAsync(campaign with { Status = CampaignStatus.Failed, FailureReason = ex.Message, CompletedAt = now }, cancellationToken))
                {
                    throw; // changed meanwhile: the retry reads it again
                }

                LogGroupUnusable(logger, campaign.CampaignId, ex.Message);
                await campaigns.RemoveDueAsync(due, cancellationToken);
                return;
            }
        }

        if (campaign.Status == CampaignStatus.Sending)
        {
            await PayAndQueueAsync(campaign, cancellationToken);
        }

        await campaigns.RemoveDueAsync(due, cancellationToken);
    }

    // A series sends nothing itself: its due run becomes a campaign of its own (with its own
    // batches, charges and history), and the series waits for the next run or ends.
    private async Task StartRunAsync(Campaign series, Tenant tenant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recurrence = series.Recurrence!;
        var run = series.RunsCreated + 1;
        var runAt = series.NextRunAt ?? series.SendAt;
        var child = series with
        {
            CampaignId = CampaignIds.ForRun(series.CampaignId, run, runAt),
            SeriesId = series.CampaignId,
            Run = run,
            Recurrence = null,
            NextRunAt = null,
            RunsCreated = 0,
            SendAt = runAt,
            CreatedAt = now,
            Version = null,
        };
        await campaigns.CreateRunAsync(child, cancellationToken);
        await queue.EnqueueAsync(QueueNames.CampaignDispatch, new DispatchRequest(child.TenantId, child.CampaignId), cancellationToken);

        var more = recurrence.Includes(series.SendAt, run + 1, tenant.TimeZone);
        var nextAt = more ? recurrence.RunAt(series.SendAt, run + 1, tenant.TimeZone) : (DateTimeOffset?)null;
        if (nextAt is { } next)
        {
            await campaigns.AddDueAsync(new DueCampaign(series.TenantId, series.CampaignId, next), cancellationToken);
        }

        var updated = series with
        {
            RunsCreated = run,
            NextRunAt = nextAt,
            Status = more ? CampaignStatus.Scheduled : CampaignStatus.Completed,
            CompletedAt = more ? null : now,
        };
        if (await campaigns.TryUpdateAsync(updated, cancellationToken))
        {
            LogRun(logger, series.CampaignId, run, child.CampaignId, nextAt);
        }
    }

    private async Task HoldUntilMorningAsync(Campaign campaign, DueCampaign due, DateTimeOffset morning, CancellationToken cancellationToken)
    {
        await campaigns.AddDueAsync(due with { SendAt = morning }, cancellationToken);
        if (await campaigns.TryUpdateAsync(campaign with { HeldUntil = morning }, cancellationToken))
        {
            await campaigns.RemoveDueAsync(due, cancellationToken);
            LogHeld(logger, campaign.CampaignId, morning);
        }
    }

    private async Task<Campaign> CutBatchesAsync(Campaign campaign, Tenant tenant, bool skipNightRestricted, CancellationToken cancellationToken)
    {
        // G4: advertising never goes to a number that opted out, from the moment it was recorded.
        var optedOut = campaign.Kind == CampaignKind.Advertising ? await optOuts.ListAsync(campaign.TenantId, cancellationToken) : new HashSet<string>();
        var personalised = campaign.GroupId is not null && campaign.Content.Contains("#{", StringComparison.Ordinal);
        var pending = new List<Batch>(BatchesPerWrite);
        var current = new List<Recipient>(Batch.Size);
        var skipped = new List<RecipientOutcome>();
        var batchNumber = 0;
        var batched = 0;
        var now = time.GetUtcNow();

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

        var skippedRef = new BatchRef(campaign.TenantId, campaign.CampaignId, SkippedBatchNumber);
        void Skip(Recipient recipient, OutcomeStatus status, string code, string reason) =>
            skipped.Add(new RecipientOutcome(skippedRef, skipped.Count, recipient.Phone, campaign.Channel, status, null, code, reason, now));

        await foreach (var recipient in audience.ReadAsync(campaign, tenant, now, cancellationToken))
        {
            if (optedOut.Contains(recipient.Phone))
            {
                Skip(recipient, OutcomeStatus.Skipped, FailureCodes.OptedOut, "The recipient opted out of advertising (G4).");
            }
            else if (skipNightRestricted && !recipient.NightConsent)
            {
                Skip(recipient, OutcomeStatus.Skipped, FailureCodes.NightRestricted, "Advertising at night needs the recipient's separate night consent (C4).");
            }
            else if (personalised && ChannelRules.Check(MessageTemplate.Render(campaign.Content, recipient.Variables), campaign.Channel, campaign.FriendTalkType) is { } tooLong)
            {
                Skip(recipient, OutcomeStatus.Failed, FailureCodes.TooLong, tooLong);
            }
            else
            {
                current.Add(recipient);
                batched++;
                await FlushAsync(all: false);
            }
        }

        await FlushAsync(all: true);
        await outcomes.SaveAsync(skipped, cancellationToken);
        if (batchNumber > 0)
        {
            // Before the campaign says "sending": the reconciliation must know of every batch that may need settling.
            await campaigns.AddCheckAsync(new CampaignCheck(campaign.TenantId, campaign.CampaignId, now + BatchReconciler.CheckInterval, now), cancellationToken);
        }

        var updated = campaign with
        {
            Status = batchNumber == 0 ? CampaignStatus.Completed : CampaignStatus.Sending,
            BatchCount = batchNumber,
            Batched = batched,
            RecipientCount = batched + skipped.Count,
            NotSent = skipped.Count(s => s.Status == OutcomeStatus.Skipped),
            Failed = skipped.Count(s => s.Status == OutcomeStatus.Failed),
            Price = tenant.PriceTable.PriceOf(campaign.Channel, campaign.FriendTalkType),
            CompletedAt = batchNumber == 0 ? now : null,
        };
        if (await campaigns.TryUpdateAsync(updated, cancellationToken))
        {
            return updated;
        }

        // Someone else dispatched it meanwhile: follow what they stored.
        return await campaigns.GetAsync(campaign.TenantId, campaign.CampaignId, cancellationToken) ?? updated;
    }

    private async Task PayAndQueueAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        if (campaign.Channel == Channel.FriendTalk && campaign.UnpaidFromBatch == 0)
        {
            // D3: FriendTalk is paid for every recipient at once, or not sent at all.
            var total = checked((long)campaign.Batched * campaign.Price);
            if (!await wallet.ChargeAsync(campaign.TenantId, $"charge:{campaign.CampaignId}", total, $"campaign {campaign.CampaignId}", cancellationToken))
            {
                campaign = await MarkUnpaidAsync(campaign, 1, $"Insufficient credits: FriendTalk to {campaign.Batched:N0} recipients needs {total:N0} credits.", cancellationToken);
            }
        }

        for (var n = 1; n <= campaign.BatchCount; n++)
        {
            var batch = new BatchRef(campaign.TenantId, campaign.CampaignId, n);
            if (n > 1)
            {
                // A cancel stops the very next charge (one point read per 1,000 recipients).
                campaign = await campaigns.GetAsync(campaign.TenantId, campaign.CampaignId, cancellationToken) ?? campaign;
            }

            if (campaign.Status == CampaignStatus.Cancelled)
            {
                await CloseUnsentAsync(campaign, batch, OutcomeStatus.Cancelled, FailureCodes.Cancelled, "The campaign was cancelled before this batch was sent.", cancellationToken);
                continue;
            }

            var paid = campaign.UnpaidFromBatch == 0 || n < campaign.UnpaidFromBatch;
            if (paid && campaign.Channel != Channel.FriendTalk)
            {
                var count = Math.Min(Batch.Size, campaign.Batched - ((n - 1) * Batch.Size));
                paid = await wallet.ChargeAsync(campaign.TenantId, $"charge:{batch.BatchId}", checked((long)count * campaign.Price), $"batch {batch.BatchId}", cancellationToken);
                if (!paid)
                {
                    campaign = await MarkUnpaidAsync(campaign, n, null, cancellationToken);
                }
            }

            if (paid)
            {
                await queue.EnqueueAsync(QueueNames.DeliveryBatches, batch, cancellationToken);
            }
            else
            {
                await CloseUnsentAsync(campaign, batch, OutcomeStatus.Failed, FailureCodes.InsufficientCredits, "The credit balance could not pay for this batch (D2).", cancellationToken);
            }
        }

        LogDispatched(logger, campaign.CampaignId, campaign.Batched, campaign.BatchCount, campaign.UnpaidFromBatch);
    }

    private async Task<Campaign> MarkUnpaidAsync(Campaign campaign, int fromBatch, string? failure, CancellationToken cancellationToken)
    {
        while (true)
        {
            var fresh = await campaigns.GetAsync(campaign.TenantId, campaign.CampaignId, cancellationToken) ?? campaign;
            if (fresh.UnpaidFromBatch > 0)
            {
                return fresh;
            }

            var updated = fresh with { UnpaidFromBatch = fromBatch, FailureReason = failure ?? fresh.FailureReason };
            if (await campaigns.TryUpdateAsync(updated, cancellationToken))
            {
                LogUnpaid(logger, campaign.CampaignId, fromBatch);
                return updated;
            }
        }
    }

    // A batch that will never be sent still gets an outcome per recipient and counts toward completion.
    private async Task CloseUnsentAsync(Campaign campaign, BatchRef batchRef, OutcomeStatus status, string code, string reason, CancellationToken cancellationToken)
    {
        var batch = await batches.GetAsync(batchRef, cancellationToken) ?? throw new InvalidOperationException($"Batch {batchRef.BatchId} does not exist.");
        var now = time.GetUtcNow();
        await outcomes.SaveAsync(batch.Recipients.Select((r, i) => new RecipientOutcome(batchRef, i, r.Phone, campaign.Channel, status, null, code, reason, now)).ToList(), cancellationToken);
        var count = batch.Recipients.Count;
        await campaigns.ApplyBatchCompletionAsync(
            new BatchCompletion(batchRef, 0, status == OutcomeStatus.Failed ? count : 0, status == OutcomeStatus.Failed ? 0 : count), now, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch of campaign {CampaignId} skipped: it or its tenant does not exist")]
    private static partial void LogMissing(ILogger logger, string campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId} failed at dispatch: {Reason}")]
    private static partial void LogGroupUnusable(ILogger logger, string campaignId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Series {SeriesId}: run {Run} is campaign {RunId}; next run {NextRunAt:u}")]
    private static partial void LogRun(ILogger logger, string seriesId, int run, string runId, DateTimeOffset? nextRunAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} is advertising at night: held until {Morning:u}")]
    private static partial void LogHeld(ILogger logger, string campaignId, DateTimeOffset morning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: insufficient credits from batch {Batch}")]
    private static partial void LogUnpaid(ILogger logger, string campaignId, int batch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} dispatched: {Recipients} recipients in {Batches} batches (unpaid from batch {UnpaidFrom}, 0 = none)")]
    private static partial void LogDispatched(ILogger logger, string campaignId, int recipients, int batches, int unpaidFrom);
}
