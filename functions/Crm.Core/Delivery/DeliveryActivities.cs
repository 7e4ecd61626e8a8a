using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Credits;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Delivery;

/// <summary>
/// The delivery workflow's activities. Each runs at least once, so each is idempotent: a step's
/// messages go in a provider group created once and recorded (PrepareSend), sent at most once
/// (the provider group knows whether it was sent), and read back for delivery reports; outcomes
/// change atomically per batch; charges and refunds are keyed by batch and step (late refunds by
/// recipient); completion commits with a marker.
/// </summary>
public sealed partial class DeliveryActivities(
    ITenantStore tenants,
    IOptOutStore optOuts,
    ICampaignStore campaigns,
    IBatchStore batches,
    IOutcomeStore outcomes,
    IMessageProvider provider,
    WalletService wallet,
    DeliveryReportOptions reports,
    TimeProvider time,
    ILogger<DeliveryActivities> logger)
{
    /// <summary>
    /// Claims the batch for its workflow (send step) and returns the provider group the step goes in,
    /// creating and recording it the first time. Null group: the reconciliation settled the batch.
    /// </summary>
    public async Task<StepPlan> PrepareSendAsync(BatchStep step, CancellationToken cancellationToken)
    {
        var (_, campaign) = await LoadCampaignAsync(step.Batch, cancellationToken);
        var window = reports.WindowFor(step.Step == SendStep.Send ? campaign.Channel : Channel.Sms);
        var record = await outcomes.GetAsync(step.Batch, cancellationToken);
        var groupId = record.Claim == BatchClaim.Settle ? null : record.Step(step.Step).GroupId;
        if (record.Claim != BatchClaim.Settle && groupId is null)
        {
            // The claim is recorded with the group, in one write: nothing can be sent before both are.
            // A group created by an attempt that died before recording it stays empty and is never sent.
            var created = await provider.CreateGroupAsync(step.Label, cancellationToken);
            groupId = await outcomes.UpdateAsync<string?>(step.Batch, r =>
            {
                if (r.Claim == BatchClaim.Settle || r.Step(step.Step).GroupId is not null)
                {
                    return (null, r.Claim == BatchClaim.Settle ? null : r.Step(step.Step).GroupId);
                }

                var next = r.With(step.Step, r.Step(step.Step) with { GroupId = created });
                return (step.Step == SendStep.Send && next.Claim is null ? next with { Claim = BatchClaim.Send } : next, created);
            }, cancellationToken);
        }

        if (groupId is null)
        {
            LogAlreadySettled(logger, step.Batch.BatchId);
        }

        return new StepPlan(groupId, window, reports.PollInterval);
    }

    /// <summary>
    /// Sends the batch on its campaign's channel, in its group. A recipient who opted out since the
    /// batch was cut (G4) is left out; a cancelled campaign's group is discarded. Either is recorded as
    /// not sent (charged, so refunded), unless an earlier attempt's group went out with them after all.
    /// </summary>
    public async Task<SendSummary> SendBatchAsync(GroupSend send, CancellationToken cancellationToken)
    {
        var (tenant, campaign, batch) = await LoadAsync(send.Batch, cancellationToken);
        var step = new BatchStep(send.Batch, SendStep.Send);
        var optedOut = await OptedOutAsync(campaign, cancellationToken);
        var messages = campaign.Status == CampaignStatus.Cancelled ? [] : batch.Recipients.Select((r, i) => (r, i)).Where(x => !optedOut.Contains(x.r.Phone))
            .Select(x => new ProviderMessage(step.Reference(x.i), x.r.Phone, MessageTemplate.Render(campaign.Content, x.r.Variables))).ToList();
        var kakao = ChannelRules.IsKakao(campaign.Channel) ? new KakaoOptions(tenant.KakaoChannelId!, campaign.TemplateCode, campaign.FriendTalkType, campaign.ImageId) : null;
        var request = new ProviderSendRequest(campaign.TenantId, campaign.CampaignId, campaign.Channel, campaign.SenderNumber, campaign.Subject, messages, kakao, campaign.ImageId);
        var group = messages.Count > 0
            ? await provider.SendGroupAsync(send.GroupId, request, cancellationToken)
            : await provider.DiscardGroupAsync(send.GroupId, cancellationToken);

        var now = time.GetUtcNow();
        var states = Held(group);
        var recorded = batch.Recipients.Select((r, i) => states.TryGetValue(step.Reference(i), out var state)
            ? ToOutcome(send.Batch, i, r.Phone, campaign.Channel, state, campaign.Price, now, isFallback: false)
            : Withheld(send.Batch, i, r.Phone, campaign, optedOut, now) ?? ToOutcome(send.Batch, i, r.Phone, campaign.Channel, null, campaign.Price, now, isFallback: false)).ToList();
        var summary = await RecordAsync(step, recorded, FallbackAllowed(tenant, campaign) && campaign.Status != CampaignStatus.Cancelled, cancellationToken);
        LogBatchSent(logger, send.Batch.BatchId, campaign.Channel, summary.Sent + summary.Pending, summary.Failed);
        return summary;
    }

    /// <summary>
    /// D5/D6: the batch's failed recipients whose failure SMS mends get an SMS (LMS when longer than
    /// 90 bytes) in the fallback group, as a new, separately charged send. None for a recipient who
    /// opted out of advertising meanwhile (G4); none at all once the campaign is cancelled (its group is
    /// discarded, and a charge already made is refunded).
    /// </summary>
    public async Task<SendSummary> SendFallbackAsync(GroupSend send, CancellationToken cancellationToken)
    {
        var (tenant, campaign, batch) = await LoadAsync(send.Batch, cancellationToken);
        var step = new BatchStep(send.Batch, SendStep.Fallback);
        var plan = await PlanFallbackAsync(tenant, campaign, batch, cancellationToken);
        if (plan.Count == 0)
        {
            return SendSummary.None;
        }

        var prices = tenant.PriceTable;
        var now = time.GetUtcNow();
        var sendable = plan.Where(p => p.Channel is not null).ToList();
        var cost = sendable.Sum(p => (long)prices.PriceOf(p.Channel!.Value));
        var chargeId = $"charge:{send.Batch.BatchId}:fallback";
        var cancelled = campaign.Status == CampaignStatus.Cancelled;
        var recorded = plan.Where(p => p.Channel is null).Select(p => p.Unencodable(send.Batch, now)).ToList();
        var charged = cancelled
            ? await wallet.HasOperationAsync(campaign.TenantId, chargeId, cancellationToken)
            : await wallet.ChargeAsync(campaign.TenantId, chargeId, cost, $"fallback for batch {send.Batch.BatchId}", cancellationToken);
        if (!charged && !cancelled)
        {
            recorded.AddRange(sendable.Select(p => new RecipientOutcome(
                send.Batch, p.Index, p.Message.To, p.Channel!.Value, OutcomeStatus.Failed, null, FailureCodes.InsufficientCredits, "The credit balance could not pay for the fallback SMS.", now, IsFallback: true)));
        }
        else if (sendable.Count > 0)
        {
            var request = new ProviderSendRequest(campaign.TenantId, campaign.CampaignId, Channel.Sms, campaign.SenderNumber, null, sendable.Select(p => p.Message with { Channel = p.Channel }).ToList());
            var group = cancelled ? await provider.DiscardGroupAsync(send.GroupId, cancellationToken) : await provider.SendGroupAsync(send.GroupId, request, cancellationToken);
            if (cancelled && !group.Sent && !charged)
            {
                return SendSummary.None;
            }

            var states = Held(group);
            now = time.GetUtcNow();
            recorded.AddRange(sendable.Select(p =>
            {
                var price = prices.PriceOf(p.Channel!.Value);
                return states.TryGetValue(p.Message.Reference, out var state) || !cancelled
                    ? ToOutcome(send.Batch, p.Index, p.Message.To, p.Channel.Value, state, price, now, isFallback: true)
                    : new RecipientOutcome(send.Batch, p.Index, p.Message.To, p.Channel.Value, OutcomeStatus.Cancelled, null, FailureCodes.Cancelled, CancelledReason, now, price, price, IsFallback: true);
            }));
        }

        var summary = await RecordAsync(step, recorded, fallbackAllowed: false, cancellationToken);
        LogFallback(logger, send.Batch.BatchId, summary.Sent + summary.Pending, summary.Failed);
        return summary;
    }

    /// <summary>
    /// Takes in the step's delivery reports from its provider group: a pending message becomes sent
    /// (delivered) or failed (refundable, maybe fallback-eligible). <see cref="ReportRequest.Final"/>,
    /// or no message left pending, closes the report window in the same write; with Final, a message
    /// still unreported stays sent (accepted and charged, as the provider keeps the charge).
    /// </summary>
    public async Task<ReportProgress> CollectReportsAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var (tenant, campaign) = await LoadCampaignAsync(request.Batch, cancellationToken);
        var stepRef = new BatchStep(request.Batch, request.Step);
        var record = await outcomes.GetAsync(request.Batch, cancellationToken);
        var groupId = record.Step(request.Step).GroupId;
        var states = groupId is null || !record.Of(request.Step).Any(o => o.Status == OutcomeStatus.Pending)
            ? new Dictionary<string, ProviderMessageState>(StringComparer.Ordinal)
            : (await provider.ReadGroupAsync(groupId, cancellationToken)).Messages.ToDictionary(m => m.Reference, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var fallbackAllowed = request.Step == SendStep.Send && FallbackAllowed(tenant, campaign);
        var updated = await outcomes.UpdateAsync(request.Batch, r =>
        {
            var changed = new List<RecipientOutcome>();
            foreach (var o in r.Of(request.Step).Where(o => o.Status == OutcomeStatus.Pending))
            {
                if (states.TryGetValue(stepRef.Reference(o.Index), out var state) && state.Status.State != DeliveryState.Pending)
                {
                    changed.Add(Reported(o, state.Status, now, late: false));
                }
                else if (request.Final)
                {
                    changed.Add(o with { Status = OutcomeStatus.Sent });
                }
            }

            var next = r.With(changed);
            var close = !r.Step(request.Step).WindowClosed && (request.Final || !next.Of(request.Step).Any(o => o.Status == OutcomeStatus.Pending));
            if (close)
            {
                next = next.With(request.Step, next.Step(request.Step) with { WindowClosed = true });
            }

            return (changed.Count > 0 || close ? next : null, next);
        }, cancellationToken);

        return new ReportProgress(Summarize(updated.Of(request.Step).ToList(), fallbackAllowed), updated.Step(request.Step).WindowClosed);
    }

    /// <summary>D4/D7: refunds exactly the failed sends of one step, once (the operation id is batch + step); late failures are refunded on their own.</summary>
    public async Task<long> RefundBatchAsync(BatchStep step, CancellationToken cancellationToken)
    {
        var refund = (await outcomes.GetAsync(step.Batch, cancellationToken)).Of(step.Step).Where(o => !o.RefundedLate).Sum(o => o.CreditsRefunded);
        var name = step.Step.ToString().ToLowerInvariant();
        await wallet.RefundAsync(step.Batch.TenantId, $"refund:{step.Batch.BatchId}:{name}", refund, $"{name} failures of batch {step.Batch.BatchId}", cancellationToken);
        return refund;
    }

    /// <summary>
    /// A step the provider could not be reached for, after every retry. What the provider holds is
    /// what happened, made final first: a group not sent is discarded, so a send still in flight
    /// cannot go out after this. With no group, or a discarded one, nothing went out: each recipient
    /// failed (refundable), or was not sent (cancelled, opted out); a group that was sent is read like
    /// any other. If the provider cannot be reached for that either, this fails too, and the
    /// reconciliation settles the batch later: a batch whose provider state is unknown is never
    /// refunded as failed.
    /// </summary>
    public async Task<SendSummary> RecordBatchFailureAsync(BatchFailure failure, CancellationToken cancellationToken)
    {
        var (tenant, campaign, batch) = await LoadAsync(failure.Batch, cancellationToken);
        var step = new BatchStep(failure.Batch, failure.Step);
        var record = await outcomes.GetAsync(failure.Batch, cancellationToken);
        var group = record.Step(failure.Step).GroupId is { } groupId ? await provider.DiscardGroupAsync(groupId, cancellationToken) : null;
        var states = group is null ? [] : Held(group);
        var now = time.GetUtcNow();
        List<RecipientOutcome> recorded;
        if (failure.Step == SendStep.Send)
        {
            var optedOut = await OptedOutAsync(campaign, cancellationToken);
            recorded = batch.Recipients.Select((r, i) => states.TryGetValue(step.Reference(i), out var state)
                ? ToOutcome(failure.Batch, i, r.Phone, campaign.Channel, state, campaign.Price, now, isFallback: false)
                : Withheld(failure.Batch, i, r.Phone, campaign, optedOut, now)
                    ?? new RecipientOutcome(failure.Batch, i, r.Phone, campaign.Channel, OutcomeStatus.Failed, null, FailureCodes.ProviderUnavailable, failure.Reason, now,
                        campaign.Price, campaign.Price, FallbackEligible: true)).ToList();
        }
        else
        {
            var charged = await wallet.HasOperationAsync(campaign.TenantId, $"charge:{failure.Batch.BatchId}:fallback", cancellationToken);
            var prices = tenant.PriceTable;
            recorded = (await PlanFallbackAsync(tenant, campaign, batch, cancellationToken)).Select(p => p.Channel is null
                ? p.Unencodable(failure.Batch, now)
                : states.TryGetValue(p.Message.Reference, out var state)
                    ? ToOutcome(failure.Batch, p.Index, p.Message.To, p.Channel.Value, state, prices.PriceOf(p.Channel.Value), now, isFallback: true)
                    : new RecipientOutcome(failure.Batch, p.Index, p.Message.To, p.Channel.Value, OutcomeStatus.Failed, null, FailureCodes.ProviderUnavailable, failure.Reason, now,
                        charged ? prices.PriceOf(p.Channel.Value) : 0, charged ? prices.PriceOf(p.Channel.Value) : 0, IsFallback: true)).ToList();
        }

        LogBatchFailed(logger, failure.Batch.BatchId, failure.Step, failure.Reason);
        var fallbackAllowed = failure.Step == SendStep.Send && FallbackAllowed(tenant, campaign) && campaign.Status != CampaignStatus.Cancelled;
        return await RecordAsync(step, recorded, fallbackAllowed, cancellationToken);
    }

    /// <summary>
    /// Adds the batch's outcomes to the campaign's progress, once (a marker commits with the counters).
    /// A batch the reconciliation claimed is its to complete (with its reason): a workflow that starts
    /// late leaves it alone.
    /// </summary>
    public async Task<BatchCompletion> CompleteBatchAsync(BatchRef batch, CancellationToken cancellationToken)
    {
        var record = await outcomes.GetAsync(batch, cancellationToken);
        var completion = BatchCompletion.From(batch, record.Outcomes);
        if (record.Claim != BatchClaim.Settle)
        {
            await campaigns.ApplyBatchCompletionAsync(completion, time.GetUtcNow(), cancellationToken);
        }

        return completion;
    }

    /// <summary>
    /// Reports that came after the step's report window closed (the provider's late webhook): each
    /// newly failed message is refunded with a ledger entry of its own and moves the campaign's
    /// counters once; no fallback follows (D7 holds too: a failed fallback is only refunded). Safe to
    /// run again: the refunds and counter moves are keyed by recipient. Returns how many failed late.
    /// </summary>
    public async Task<int> ApplyLateReportsAsync(BatchStep step, CancellationToken cancellationToken)
    {
        var record = await outcomes.GetAsync(step.Batch, cancellationToken);
        if (record.Step(step.Step) is not { WindowClosed: true, GroupId: { } groupId })
        {
            return 0;
        }

        var states = (await provider.ReadGroupAsync(groupId, cancellationToken)).Messages.ToDictionary(m => m.Reference, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var updated = await outcomes.UpdateAsync(step.Batch, r =>
        {
            var changed = r.Of(step.Step)
                .Where(o => o.ReportedAt is null && o.Status is OutcomeStatus.Sent or OutcomeStatus.Pending
                            && states.TryGetValue(step.Reference(o.Index), out var s) && s.Status.State != DeliveryState.Pending)
                .Select(o => Reported(o, states[step.Reference(o.Index)].Status, now, late: true))
                .ToList();
            var next = r.With(changed);
            return (changed.Count > 0 ? next : null, next);
        }, cancellationToken);

        var late = updated.Of(step.Step).Where(o => o.RefundedLate).ToList();
        var name = step.Step.ToString().ToLowerInvariant();
        foreach (var o in late)
        {
            await wallet.RefundAsync(step.Batch.TenantId, $"refund:{step.Batch.BatchId}:{name}:{o.Index:D4}", o.CreditsRefunded, $"late {name} failure in batch {step.Batch.BatchId}", cancellationToken);
            await campaigns.ApplyLateFailureAsync(new LateFailure(step, o.Index, o.CreditsRefunded), now, cancellationToken);
        }

        if (late.Count > 0)
        {
            LogLateFailures(logger, step.Batch.BatchId, step.Step, late.Count);
        }

        return late.Count;
    }

    /// <summary>
    /// Settles a batch whose workflow failed or never started, once: the provider's groups say what
    /// happened to what was sent (a group not sent is discarded first; reports taken in, unreported
    /// messages stay sent); each recipient nothing was sent to failed with <paramref name="reason"/>;
    /// failures are refunded under the operation ids the workflow uses, no fallback is sent, and the
    /// batch's completion is applied with the reason, which the campaign keeps. The claim decides
    /// between this and the workflow: unless <paramref name="workflowEnded"/> (it failed or was
    /// terminated), a batch its workflow has claimed meanwhile is left to it, and null is returned.
    /// </summary>
    public async Task<BatchCompletion?> SettleAsync(BatchRef batchRef, string reason, bool workflowEnded, CancellationToken cancellationToken)
    {
        var (tenant, campaign, batch) = await LoadAsync(batchRef, cancellationToken);
        var record = await outcomes.UpdateAsync(batchRef, r => r.Claim is null ? (r with { Claim = BatchClaim.Settle }, r with { Claim = BatchClaim.Settle }) : (null, r), cancellationToken);
        if (record.Claim == BatchClaim.Send && !workflowEnded)
        {
            LogSettleDeferred(logger, batchRef.BatchId);
            return null;
        }

        var groups = new Dictionary<SendStep, IReadOnlyDictionary<string, ProviderMessageState>>();
        foreach (var step in Enum.GetValues<SendStep>())
        {
            if (record.Step(step).GroupId is { } groupId)
            {
                groups[step] = Held(await provider.DiscardGroupAsync(groupId, cancellationToken));
            }
        }

        var now = time.GetUtcNow();
        var optedOut = await OptedOutAsync(campaign, cancellationToken);
        var fallbackCharged = await wallet.HasOperationAsync(campaign.TenantId, $"charge:{batchRef.BatchId}:fallback", cancellationToken);
        var fallbackPlan = fallbackCharged ? await PlanFallbackAsync(tenant, campaign, batch, cancellationToken) : [];
        var prices = tenant.PriceTable;
        var updated = await outcomes.UpdateAsync(batchRef, r =>
        {
            var changed = new List<RecipientOutcome>();
            var send = new BatchStep(batchRef, SendStep.Send);
            var sent = r.Of(SendStep.Send).ToDictionary(o => o.Index);
            for (var i = 0; i < batch.Recipients.Count; i++)
            {
                var state = groups.GetValueOrDefault(SendStep.Send)?.GetValueOrDefault(send.Reference(i));
                var o = sent.GetValueOrDefault(i)
                    ?? (state is null ? null : ToOutcome(batchRef, i, batch.Recipients[i].Phone, campaign.Channel, state, campaign.Price, now, isFallback: false));
                changed.Add(o is null
                    ? Withheld(batchRef, i, batch.Recipients[i].Phone, campaign, optedOut, now)
                        ?? new RecipientOutcome(batchRef, i, batch.Recipients[i].Phone, campaign.Channel, OutcomeStatus.Failed, null, FailureCodes.WorkflowFailed, reason, now, campaign.Price, campaign.Price)
                    : Settled(o, state, now));
            }

            // A fallback that was charged: what the provider did not take failed, refunded.
            var fallback = new BatchStep(batchRef, SendStep.Fallback);
            var recordedFallbacks = r.Of(SendStep.Fallback).ToDictionary(o => o.Index);
            foreach (var p in fallbackPlan.Where(p => p.Channel is not null))
            {
                var state = groups.GetValueOrDefault(SendStep.Fallback)?.GetValueOrDefault(fallback.Reference(p.Index));
                var price = prices.PriceOf(p.Channel!.Value);
                var o = recordedFallbacks.GetValueOrDefault(p.Index)
                    ?? (state is null ? null : ToOutcome(batchRef, p.Index, p.Message.To, p.Channel.Value, state, price, now, isFallback: true));
                changed.Add(o is null
                    ? new RecipientOutcome(batchRef, p.Index, p.Message.To, p.Channel.Value, OutcomeStatus.Failed, null, FailureCodes.WorkflowFailed, reason, now, price, price, IsFallback: true)
                    : Settled(o, state, now));
            }

            var next = r.With(changed);
            foreach (var step in Enum.GetValues<SendStep>())
            {
                next = next.With(step, next.Step(step) with { WindowClosed = true });
            }

            return (next, next);
        }, cancellationToken);

        var refunded = 0L;
        foreach (var step in Enum.GetValues<SendStep>())
        {
            if (updated.Of(step).Any(o => o.CreditsRefunded > 0 && !o.RefundedLate))
            {
                refunded += await RefundBatchAsync(new BatchStep(batchRef, step), cancellationToken);
            }
        }

        var completion = BatchCompletion.From(batchRef, updated.Outcomes, reason);
        await campaigns.ApplyBatchCompletionAsync(completion, now, cancellationToken);
        LogSettled(logger, batchRef.BatchId, batchRef.CampaignId, updated.Outcomes.Count(o => o.FailureCode == FailureCodes.WorkflowFailed), refunded, reason);
        return completion;
    }

    private const string CancelledReason = "The campaign was cancelled before this was sent.";

    // The messages of a group that went out, by reference; none when it was not sent.
    private static Dictionary<string, ProviderMessageState> Held(ProviderGroup group) =>
        group.Sent ? group.Messages.ToDictionary(m => m.Reference, StringComparer.Ordinal) : new(StringComparer.Ordinal);

    // G4 at send time: an advertising campaign's recipients who opted out since the batch was cut.
    private async Task<IReadOnlySet<string>> OptedOutAsync(Campaign campaign, CancellationToken cancellationToken) =>
        campaign.Kind == CampaignKind.Advertising && campaign.Status != CampaignStatus.Cancelled
            ? await optOuts.ListAsync(campaign.TenantId, cancellationToken)
            : new HashSet<string>();

    // A recipient deliberately not sent to (charged, so refunded): the campaign was cancelled, or the recipient opted out (G4); null otherwise.
    private static RecipientOutcome? Withheld(BatchRef batch, int index, string phone, Campaign campaign, IReadOnlySet<string> optedOut, DateTimeOffset now) =>
        campaign.Status == CampaignStatus.Cancelled
            ? new RecipientOutcome(batch, index, phone, campaign.Channel, OutcomeStatus.Cancelled, null, FailureCodes.Cancelled, CancelledReason, now, campaign.Price, campaign.Price)
            : optedOut.Contains(phone)
                ? new RecipientOutcome(batch, index, phone, campaign.Channel, OutcomeStatus.Skipped, null, FailureCodes.OptedOut, "The recipient opted out of advertising after the batch was queued (G4).", now, campaign.Price, campaign.Price)
                : null;

    // References end in "/{index:D4}".
    private static int IndexOf(string reference) => int.Parse(reference.AsSpan(reference.LastIndexOf('/') + 1), System.Globalization.CultureInfo.InvariantCulture);

    // A message as the provider holds it, or missing from the group (never registered): failed, refundable.
    private static RecipientOutcome ToOutcome(BatchRef batch, int index, string to, Channel channel, ProviderMessageState? state, long price, DateTimeOffset now, bool isFallback) => state switch
    {
        null => new RecipientOutcome(batch, index, to, channel, OutcomeStatus.Failed, null, FailureCodes.NoResult, "The provider returned no result for this message.", now,
            price, price, isFallback),
        { Status.State: DeliveryState.Pending } => new RecipientOutcome(batch, index, to, channel, OutcomeStatus.Pending, state.ProviderMessageId, null, null, now, price, 0, isFallback),
        _ => Reported(new RecipientOutcome(batch, index, to, channel, OutcomeStatus.Pending, state.ProviderMessageId, null, null, now, price, 0, isFallback), state.Status, now, late: false),
    };

    // At settlement a pending message takes its report if the provider has one, else it stays sent (charged).
    private static RecipientOutcome Settled(RecipientOutcome o, ProviderMessageState? state, DateTimeOffset now) =>
        o.Status != OutcomeStatus.Pending ? o
        : state is { Status.State: not DeliveryState.Pending } ? Reported(o, state.Status, now, late: false)
        : o with { Status = OutcomeStatus.Sent };

    // A final report applied to an outcome: delivered, or failed with the provider's code and reason.
    private static RecipientOutcome Reported(RecipientOutcome o, ProviderStatus status, DateTimeOffset now, bool late) => status.State == DeliveryState.Delivered
        ? o with { Status = OutcomeStatus.Sent, ReportedAt = now }
        : o with
        {
            Status = OutcomeStatus.Failed,
            FailureCode = status.Code,
            FailureReason = status.Reason,
            CreditsRefunded = status.Refundable ? o.CreditsCharged : 0,
            ReportedAt = now,
            RefundedLate = late && status.Refundable && o.CreditsCharged > 0,
            FallbackEligible = !late && !o.IsFallback && status.FallbackEligible,
        };

    private async Task<SendSummary> RecordAsync(BatchStep step, List<RecipientOutcome> recorded, bool fallbackAllowed, CancellationToken cancellationToken)
    {
        var updated = await outcomes.UpdateAsync(step.Batch, r =>
        {
            var next = r.With(recorded);
            return (next, next);
        }, cancellationToken);
        return Summarize(updated.Of(step.Step).ToList(), fallbackAllowed);
    }

    private static SendSummary Summarize(IReadOnlyList<RecipientOutcome> recorded, bool fallbackAllowed) => new(
        recorded.Count(o => o.Status == OutcomeStatus.Sent),
        recorded.Count(o => o.Status == OutcomeStatus.Failed),
        recorded.Count(o => o.Status is OutcomeStatus.Cancelled or OutcomeStatus.Skipped),
        recorded.Sum(o => o.CreditsCharged),
        recorded.Where(o => !o.RefundedLate).Sum(o => o.CreditsRefunded),
        recorded.Count(o => o.Status == OutcomeStatus.Pending),
        fallbackAllowed ? recorded.Count(o => o.Status == OutcomeStatus.Failed && o.FallbackEligible) : 0,
        recorded.Count(o => o.Status == OutcomeStatus.Sent && o.ReportedAt is null));

    // The send step's failures that SMS mends, each with the channel its fallback goes by (null: it cannot).
    private async Task<IReadOnlyList<FallbackPlan>> PlanFallbackAsync(Tenant tenant, Campaign campaign, Batch batch, CancellationToken cancellationToken)
    {
        if (!FallbackAllowed(tenant, campaign))
        {
            return [];
        }

        var step = new BatchStep(batch.Ref, SendStep.Fallback);
        var optedOut = await OptedOutAsync(campaign, cancellationToken);
        var failed = (await outcomes.GetAsync(batch.Ref, cancellationToken)).Of(SendStep.Send)
            .Where(o => o.Status == OutcomeStatus.Failed && o.FallbackEligible && !optedOut.Contains(o.Phone));
        return failed.Select(o =>
        {
            var text = MessageTemplate.Render(campaign.Content, batch.Recipients[o.Index].Variables);
            var channel = ChannelRules.SmsOrLms(text);
            var fits = ChannelRules.Check(text, channel, null) is null;
            return new FallbackPlan(o.Index, new ProviderMessage(step.Reference(o.Index), o.Phone, text), fits ? channel : null);
        }).ToList();
    }

    private static bool FallbackAllowed(Tenant tenant, Campaign campaign) =>
        campaign.Channel is Channel.AlimTalk or Channel.FriendTalk or Channel.AppPush
        && tenant.FallbackChannels.Contains(campaign.Channel)
        && campaign.FriendTalkType is not (FriendTalkType.Wide or FriendTalkType.Carousel);

    private async Task<(Tenant Tenant, Campaign Campaign, Batch Batch)> LoadAsync(BatchRef batchRef, CancellationToken cancellationToken)
    {
        var (tenant, campaign) = await LoadCampaignAsync(batchRef, cancellationToken);
        var batch = await batches.GetAsync(batchRef, cancellationToken)
            ?? throw new PermanentDeliveryException($"Batch {batchRef.BatchId} does not exist.");
        return (tenant, campaign, batch);
    }

    // What steps that need no recipients read: two point reads instead of three (the batch is the largest).
    private async Task<(Tenant Tenant, Campaign Campaign)> LoadCampaignAsync(BatchRef batchRef, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(batchRef.TenantId, cancellationToken)
            ?? throw new PermanentDeliveryException($"Tenant {batchRef.TenantId} of batch {batchRef.BatchId} does not exist.");
        var campaign = await campaigns.GetAsync(batchRef.TenantId, batchRef.CampaignId, cancellationToken)
            ?? throw new PermanentDeliveryException($"Campaign {batchRef.CampaignId} of batch {batchRef.BatchId} does not exist.");
        return (tenant, campaign);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} sent over {Channel}: {Accepted} accepted, {Failed} failed")]
    private static partial void LogBatchSent(ILogger logger, string batchId, Channel channel, int accepted, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} fallback: {Accepted} accepted, {Failed} failed")]
    private static partial void LogFallback(ILogger logger, string batchId, int accepted, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} was settled by the reconciliation before its workflow sent it: not sent")]
    private static partial void LogAlreadySettled(ILogger logger, string batchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} was claimed by its workflow while the reconciliation looked: left to the workflow")]
    private static partial void LogSettleDeferred(ILogger logger, string batchId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} {Step}: {Count} failures reported after the report window, refunded")]
    private static partial void LogLateFailures(ILogger logger, string batchId, SendStep step, int count);

    // An error on purpose: a settled batch means a workflow failed or vanished, which an alert should catch.
    [LoggerMessage(EventId = 9001, EventName = "BatchSettled", Level = LogLevel.Error,
        Message = "Batch {BatchId} of campaign {CampaignId} settled by reconciliation: {Failed} recipients recorded failed, {Refunded} credits refunded. Reason: {Reason}")]
    private static partial void LogSettled(ILogger logger, string batchId, string campaignId, int failed, long refunded, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} step {Step} failed as a whole: {Reason}")]
    private static partial void LogBatchFailed(ILogger logger, string batchId, SendStep step, string reason);
}
