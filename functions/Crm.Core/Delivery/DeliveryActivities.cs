using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Delivery;

/// <summary>
/// The delivery workflow's activities. Each runs at least once, so each is idempotent by its batch
/// id: the provider gets the same idempotency key, outcomes are replaced, charges and refunds are
/// keyed by batch and step, completion commits with a marker.
/// </summary>
public sealed partial class DeliveryActivities(
    ITenantStore tenants,
    IOptOutStore optOuts,
    ICampaignStore campaigns,
    IBatchStore batches,
    IOutcomeStore outcomes,
    IMessageProvider provider,
    WalletService wallet,
    TimeProvider time,
    ILogger<DeliveryActivities> logger)
{
    /// <summary>Sends the batch on its campaign's channel; a cancelled campaign's batch is recorded as not sent.</summary>
    public async Task<SendSummary> SendBatchAsync(BatchRef batchRef, CancellationToken cancellationToken)
    {
        var (tenant, campaign, batch) = await LoadAsync(batchRef, cancellationToken);
        if (await batches.ClaimAsync(batchRef, BatchClaim.Send, cancellationToken) == BatchClaim.Settle)
        {
            // The reconciliation settled this batch (its workflow had vanished) and refunded it: never send it now.
            LogAlreadySettled(logger, batchRef.BatchId);
            return SendSummary.None;
        }

        var now = time.GetUtcNow();
        var price = campaign.Price;
        if (campaign.Status == CampaignStatus.Cancelled)
        {
            var cancelled = batch.Recipients.Select((r, i) => new RecipientOutcome(
                batchRef, i, r.Phone, campaign.Channel, OutcomeStatus.Cancelled, null, FailureCodes.Cancelled, "The campaign was cancelled before this batch was sent.", now, price, price)).ToList();
            await outcomes.SaveAsync(cancelled, cancellationToken);
            return Summarize(cancelled);
        }

        // G4 again at send: an opt-out recorded after the batch was queued still holds (charged, so refunded).
        var optedOut = campaign.Kind == CampaignKind.Advertising ? await optOuts.ListAsync(campaign.TenantId, cancellationToken) : new HashSet<string>();
        var withdrawn = batch.Recipients.Select((r, i) => (r, i)).Where(x => optedOut.Contains(x.r.Phone))
            .Select(x => new RecipientOutcome(batchRef, x.i, x.r.Phone, campaign.Channel, OutcomeStatus.Skipped, null, FailureCodes.OptedOut, "The recipient opted out of advertising after the batch was queued (G4).", now, price, price))
            .ToList();
        var messages = batch.Recipients.Select((r, i) => (r, i)).Where(x => !optedOut.Contains(x.r.Phone))
            .Select(x => new ProviderMessage(Reference(batchRef, x.i, SendStep.Send), x.r.Phone, MessageTemplate.Render(campaign.Content, x.r.Variables))).ToList();
        var kakao = ChannelRules.IsKakao(campaign.Channel) ? new KakaoOptions(tenant.KakaoChannelId!, campaign.TemplateCode, campaign.FriendTalkType, campaign.ImageId) : null;
        var request = new ProviderSendRequest($"{batchRef.BatchId}:send", campaign.TenantId, campaign.CampaignId, campaign.Channel, campaign.SenderNumber, campaign.Subject, messages, kakao, campaign.ImageId);
        var results = await SendAsync(request, cancellationToken);

        now = time.GetUtcNow();
        var recorded = messages.Select(m => ToOutcome(batchRef, IndexOf(m.Reference), m, campaign.Channel, results, price, now, isFallback: false)).Concat(withdrawn).ToList();
        await outcomes.SaveAsync(recorded, cancellationToken);
        var summary = Summarize(recorded);
        LogBatchSent(logger, batchRef.BatchId, campaign.Channel, summary.Sent, summary.Failed);
        return summary;
    }

    /// <summary>
    /// D5/D6: the batch's failed recipients get an SMS (LMS when longer than 90 bytes) as a new,
    /// separately charged send, when the tenant enabled fallback for the channel and the format allows it.
    /// </summary>
    public async Task<SendSummary> SendFallbackAsync(BatchRef batchRef, CancellationToken cancellationToken)
    {
        var (tenant, campaign, batch) = await LoadAsync(batchRef, cancellationToken);
        var plan = await PlanFallbackAsync(tenant, campaign, batch, cancellationToken);
        if (plan.Count == 0)
        {
            return SendSummary.None;
        }

        var prices = tenant.PriceTable;
        var now = time.GetUtcNow();
        var sendable = plan.Where(p => p.Channel is not null).ToList();
        var cost = sendable.Sum(p => (long)prices.PriceOf(p.Channel!.Value));
        var recorded = plan.Where(p => p.Channel is null).Select(p => p.Unencodable(batchRef, now)).ToList();
        if (!await wallet.ChargeAsync(campaign.TenantId, $"charge:{batchRef.BatchId}:fallback", cost, $"fallback for batch {batchRef.BatchId}", cancellationToken))
        {
            recorded.AddRange(sendable.Select(p => new RecipientOutcome(
                batchRef, p.Index, p.Message.To, p.Channel!.Value, OutcomeStatus.Failed, null, FailureCodes.InsufficientCredits, "The credit balance could not pay for the fallback SMS.", now, IsFallback: true)));
        }
        else
        {
            foreach (var group in sendable.GroupBy(p => p.Channel!.Value))
            {
                var request = new ProviderSendRequest(
                    $"{batchRef.BatchId}:fallback:{group.Key.ToString().ToLowerInvariant()}", campaign.TenantId, campaign.CampaignId, group.Key, campaign.SenderNumber, null, group.Select(p => p.Message).ToList());
                var results = await SendAsync(request, cancellationToken);
                var at = time.GetUtcNow();
                recorded.AddRange(group.Select(p => ToOutcome(batchRef, p.Index, p.Message, group.Key, results, prices.PriceOf(group.Key), at, isFallback: true)));
            }
        }

        await outcomes.SaveAsync(recorded, cancellationToken);
        var summary = Summarize(recorded);
        LogFallback(logger, batchRef.BatchId, summary.Sent, summary.Failed);
        return summary;
    }

    /// <summary>D4/D7: refunds exactly the failed sends of one step, once (the operation id is batch + step).</summary>
    public async Task<long> RefundBatchAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        var isFallback = request.Step == SendStep.Fallback;
        var refund = (await outcomes.ListAsync(request.Batch, cancellationToken)).Where(o => o.IsFallback == isFallback).Sum(o => o.CreditsRefunded);
        var step = request.Step.ToString().ToLowerInvariant();
        await wallet.RefundAsync(request.Batch.TenantId, $"refund:{request.Batch.BatchId}:{step}", refund, $"{step} failures of batch {request.Batch.BatchId}", cancellationToken);
        return refund;
    }

    /// <summary>A step the provider never took, after every retry: each recipient failed, refundable if it was charged.</summary>
    public async Task<SendSummary> RecordBatchFailureAsync(BatchFailure failure, CancellationToken cancellationToken)
    {
        var (tenant, campaign, batch) = await LoadAsync(failure.Batch, cancellationToken);
        var now = time.GetUtcNow();
        List<RecipientOutcome> recorded;
        if (failure.Step == SendStep.Send)
        {
            recorded = batch.Recipients.Select((r, i) => new RecipientOutcome(
                failure.Batch, i, r.Phone, campaign.Channel, OutcomeStatus.Failed, null, FailureCodes.ProviderUnavailable, failure.Reason, now, campaign.Price, campaign.Price)).ToList();
        }
        else
        {
            var charged = await wallet.HasOperationAsync(campaign.TenantId, $"charge:{failure.Batch.BatchId}:fallback", cancellationToken);
            var prices = tenant.PriceTable;
            recorded = (await PlanFallbackAsync(tenant, campaign, batch, cancellationToken)).Select(p => p.Channel is null
                ? p.Unencodable(failure.Batch, now)
                : new RecipientOutcome(failure.Batch, p.Index, p.Message.To, p.Channel.Value, OutcomeStatus.Failed, null, FailureCodes.ProviderUnavailable, failure.Reason, now,
                    charged ? prices.PriceOf(p.Channel.Value) : 0, charged ? prices.PriceOf(p.Channel.Value) : 0, IsFallback: true)).ToList();
        }

        await outcomes.SaveAsync(recorded, cancellationToken);
        LogBatchFailed(logger, failure.Batch.BatchId, failure.Step, failure.Reason);
        return Summarize(recorded);
    }

    public async Task<bool> CompleteBatchAsync(BatchCompletion completion, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.ApplyBatchCompletionAsync(completion, time.GetUtcNow(), cancellationToken);
        return campaign.Status != CampaignStatus.Sending;
    }

    /// <summary>
    /// Settles a batch whose workflow failed or never started, once: what its steps recorded stands;
    /// each recipient they did not record failed with <paramref name="reason"/> (so was not sent, D4),
    /// every failure is refunded under the same operation ids the workflow uses, no fallback is sent,
    /// and the batch's completion is applied with the reason, which the campaign keeps.
    /// </summary>
    public async Task<BatchCompletion> SettleAsync(BatchRef batchRef, string reason, CancellationToken cancellationToken)
    {
        var (tenant, campaign, batch) = await LoadAsync(batchRef, cancellationToken);
        await batches.ClaimAsync(batchRef, BatchClaim.Settle, cancellationToken);
        var now = time.GetUtcNow();
        var recorded = await outcomes.ListAsync(batchRef, cancellationToken);
        var send = recorded.Where(o => !o.IsFallback).ToDictionary(o => o.Index);
        var added = batch.Recipients.Select((r, i) => (r, i)).Where(x => !send.ContainsKey(x.i))
            .Select(x => new RecipientOutcome(batchRef, x.i, x.r.Phone, campaign.Channel, OutcomeStatus.Failed, null, FailureCodes.WorkflowFailed, reason, now, campaign.Price, campaign.Price))
            .ToList();

        // A fallback that was charged but not (fully) recorded: its unrecorded recipients failed too, refunded.
        if (await wallet.HasOperationAsync(campaign.TenantId, $"charge:{batchRef.BatchId}:fallback", cancellationToken))
        {
            var fallbacks = recorded.Where(o => o.IsFallback).Select(o => o.Index).ToHashSet();
            var prices = tenant.PriceTable;
            added.AddRange((await PlanFallbackAsync(tenant, campaign, batch, cancellationToken))
                .Where(p => p.Channel is not null && !fallbacks.Contains(p.Index))
                .Select(p => new RecipientOutcome(batchRef, p.Index, p.Message.To, p.Channel!.Value, OutcomeStatus.Failed, null, FailureCodes.WorkflowFailed, reason, now,
                    prices.PriceOf(p.Channel.Value), prices.PriceOf(p.Channel.Value), IsFallback: true)));
        }

        await outcomes.SaveAsync(added, cancellationToken);
        var all = recorded.Concat(added).ToList();
        var sendSummary = Summarize(all.Where(o => !o.IsFallback).ToList());
        var fallbackSummary = Summarize(all.Where(o => o.IsFallback).ToList());
        var refunded = 0L;
        if (sendSummary.Refunded > 0)
        {
            refunded += await RefundBatchAsync(new RefundRequest(batchRef, SendStep.Send), cancellationToken);
        }

        if (fallbackSummary.Refunded > 0)
        {
            refunded += await RefundBatchAsync(new RefundRequest(batchRef, SendStep.Fallback), cancellationToken);
        }

        var completion = BatchCompletion.From(batchRef, sendSummary, fallbackSummary, refunded) with { FailureReason = reason };
        await campaigns.ApplyBatchCompletionAsync(completion, now, cancellationToken);
        LogSettled(logger, batchRef.BatchId, batchRef.CampaignId, added.Count, refunded, reason);
        return completion;
    }

    // References end in "-{index:D4}" (and "-fb" for fallbacks).
    private static int IndexOf(string reference) => int.Parse(reference.AsSpan(reference.LastIndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);

    private static string Reference(BatchRef batch, int index, SendStep step) =>
        step == SendStep.Send ? $"{batch.BatchId}-{index:D4}" : $"{batch.BatchId}-{index:D4}-fb";

    private static RecipientOutcome ToOutcome(
        BatchRef batch, int index, ProviderMessage message, Channel channel, IReadOnlyDictionary<string, ProviderResult> results, long price, DateTimeOffset now, bool isFallback) =>
        results.TryGetValue(message.Reference, out var r)
            ? new RecipientOutcome(batch, index, message.To, channel, r.Accepted ? OutcomeStatus.Sent : OutcomeStatus.Failed, r.ProviderMessageId, r.FailureCode, r.FailureReason, now,
                price, r.Accepted ? 0 : price, isFallback)
            : new RecipientOutcome(batch, index, message.To, channel, OutcomeStatus.Failed, null, FailureCodes.NoResult, "The provider returned no result for this message.", now,
                price, price, isFallback);

    private static SendSummary Summarize(IReadOnlyList<RecipientOutcome> recorded) => new(
        recorded.Count(o => o.Status == OutcomeStatus.Sent),
        recorded.Count(o => o.Status == OutcomeStatus.Failed),
        recorded.Count(o => o.Status is OutcomeStatus.Cancelled or OutcomeStatus.Skipped),
        recorded.Sum(o => o.CreditsCharged),
        recorded.Sum(o => o.CreditsRefunded));

    private async Task<IReadOnlyDictionary<string, ProviderResult>> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken) =>
        (await provider.SendAsync(request, cancellationToken)).ToDictionary(r => r.Reference, StringComparer.Ordinal);

    // The failed recipients of the send step, each with the channel its fallback goes by (null: it cannot).
    private async Task<IReadOnlyList<FallbackPlan>> PlanFallbackAsync(Tenant tenant, Campaign campaign, Batch batch, CancellationToken cancellationToken)
    {
        if (!FallbackAllowed(tenant, campaign))
        {
            return [];
        }

        var failed = (await outcomes.ListAsync(batch.Ref, cancellationToken)).Where(o => !o.IsFallback && o.Status == OutcomeStatus.Failed);
        return failed.Select(o =>
        {
            var text = MessageTemplate.Render(campaign.Content, batch.Recipients[o.Index].Variables);
            var channel = ChannelRules.SmsOrLms(text);
            var fits = ChannelRules.Check(text, channel, null) is null;
            return new FallbackPlan(o.Index, new ProviderMessage(Reference(batch.Ref, o.Index, SendStep.Fallback), o.Phone, text), fits ? channel : null);
        }).ToList();
    }

    private static bool FallbackAllowed(Tenant tenant, Campaign campaign) =>
        campaign.Channel is Channel.AlimTalk or Channel.FriendTalk or Channel.AppPush
        && tenant.FallbackChannels.Contains(campaign.Channel)
        && campaign.FriendTalkType is not (FriendTalkType.Wide or FriendTalkType.Carousel);

    private async Task<(Tenant Tenant, Campaign Campaign, Batch Batch)> LoadAsync(BatchRef batchRef, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(batchRef.TenantId, cancellationToken)
            ?? throw new PermanentDeliveryException($"Tenant {batchRef.TenantId} of batch {batchRef.BatchId} does not exist.");
        var campaign = await campaigns.GetAsync(batchRef.TenantId, batchRef.CampaignId, cancellationToken)
            ?? throw new PermanentDeliveryException($"Campaign {batchRef.CampaignId} of batch {batchRef.BatchId} does not exist.");
        var batch = await batches.GetAsync(batchRef, cancellationToken)
            ?? throw new PermanentDeliveryException($"Batch {batchRef.BatchId} does not exist.");
        return (tenant, campaign, batch);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} sent over {Channel}: {Sent} sent, {Failed} failed")]
    private static partial void LogBatchSent(ILogger logger, string batchId, Channel channel, int sent, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} fallback: {Sent} sent, {Failed} failed")]
    private static partial void LogFallback(ILogger logger, string batchId, int sent, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} was settled by the reconciliation before its workflow sent it: not sent")]
    private static partial void LogAlreadySettled(ILogger logger, string batchId);

    // An error on purpose: a settled batch means a workflow failed or vanished, which an alert should catch.
    [LoggerMessage(EventId = 9001, EventName = "BatchSettled", Level = LogLevel.Error,
        Message = "Batch {BatchId} of campaign {CampaignId} settled by reconciliation: {Failed} recipients recorded failed, {Refunded} credits refunded. Reason: {Reason}")]
    private static partial void LogSettled(ILogger logger, string batchId, string campaignId, int failed, long refunded, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} step {Step} failed as a whole: {Reason}")]
    private static partial void LogBatchFailed(ILogger logger, string batchId, SendStep step, string reason);
}
