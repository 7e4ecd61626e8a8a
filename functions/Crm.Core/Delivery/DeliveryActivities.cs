using Crm.Core.Campaigns;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Delivery;

/// <summary>
/// The delivery workflow's activities. Each runs at least once, so each is idempotent by its
/// batch id: the provider gets the same idempotency key, outcomes are replaced, completion
/// commits with a marker.
/// </summary>
public sealed partial class DeliveryActivities(
    ICampaignStore campaigns,
    IBatchStore batches,
    IOutcomeStore outcomes,
    IMessageProvider provider,
    TimeProvider time,
    ILogger<DeliveryActivities> logger)
{
    public async Task<SendSummary> SendBatchAsync(BatchRef batchRef, CancellationToken cancellationToken)
    {
        var (campaign, batch) = await LoadAsync(batchRef, cancellationToken);
        var messages = new ProviderMessage[batch.Recipients.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            var recipient = batch.Recipients[i];
            messages[i] = new ProviderMessage(Reference(batchRef, i), recipient.Phone, MessageTemplate.Render(campaign.Content, recipient.Variables));
        }

        var request = new ProviderSendRequest(
            $"{batchRef.BatchId}:send", campaign.TenantId, campaign.CampaignId, campaign.Channel, campaign.SenderNumber, campaign.Subject, messages);
        var results = (await provider.SendAsync(request, cancellationToken)).ToDictionary(r => r.Reference, StringComparer.Ordinal);

        var now = time.GetUtcNow();
        var recorded = new RecipientOutcome[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            recorded[i] = results.TryGetValue(messages[i].Reference, out var r)
                ? new RecipientOutcome(batchRef, i, messages[i].To, campaign.Channel, r.Accepted ? OutcomeStatus.Sent : OutcomeStatus.Failed, r.ProviderMessageId, r.FailureCode, r.FailureReason, now)
                : new RecipientOutcome(batchRef, i, messages[i].To, campaign.Channel, OutcomeStatus.Failed, null, "NO_RESULT", "The provider returned no result for this message.", now);
        }

        await outcomes.SaveAsync(recorded, cancellationToken);
        var summary = Summarize(recorded);
        LogBatchSent(logger, batchRef.BatchId, campaign.Channel, summary.Sent, summary.Failed);
        return summary;
    }

    public async Task<SendSummary> RecordBatchFailureAsync(BatchFailure failure, CancellationToken cancellationToken)
    {
        var (campaign, batch) = await LoadAsync(failure.Batch, cancellationToken);
        var now = time.GetUtcNow();
        var recorded = batch.Recipients
            .Select((r, i) => new RecipientOutcome(failure.Batch, i, r.Phone, campaign.Channel, OutcomeStatus.Failed, null, "PROVIDER_UNAVAILABLE", failure.Reason, now))
            .ToList();
        await outcomes.SaveAsync(recorded, cancellationToken);
        LogBatchFailed(logger, failure.Batch.BatchId, failure.Reason);
        return new SendSummary(0, recorded.Count);
    }

    public async Task<bool> CompleteBatchAsync(BatchCompletion completion, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.ApplyBatchCompletionAsync(completion.Batch, completion.Sent, completion.Failed, time.GetUtcNow(), cancellationToken);
        return campaign.Status == CampaignStatus.Completed;
    }

    private static string Reference(BatchRef batch, int index) => $"{batch.BatchId}-{index:D4}";

    private static SendSummary Summarize(IReadOnlyList<RecipientOutcome> recorded)
    {
        var sent = recorded.Count(o => o.Status == OutcomeStatus.Sent);
        return new SendSummary(sent, recorded.Count - sent);
    }

    private async Task<(Campaign Campaign, Batch Batch)> LoadAsync(BatchRef batchRef, CancellationToken cancellationToken)
    {
        var campaign = await campaigns.GetAsync(batchRef.TenantId, batchRef.CampaignId, cancellationToken)
            ?? throw new InvalidOperationException($"Campaign {batchRef.CampaignId} of batch {batchRef.BatchId} does not exist.");
        var batch = await batches.GetAsync(batchRef, cancellationToken)
            ?? throw new InvalidOperationException($"Batch {batchRef.BatchId} does not exist.");
        return (campaign, batch);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} sent over {Channel}: {Sent} sent, {Failed} failed")]
    private static partial void LogBatchSent(ILogger logger, string batchId, Channel channel, int sent, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} failed as a whole: {Reason}")]
    private static partial void LogBatchFailed(ILogger logger, string batchId, string reason);
}
