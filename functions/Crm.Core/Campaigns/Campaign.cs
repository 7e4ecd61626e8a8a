using Crm.Core.Delivery;

namespace Crm.Core.Campaigns;

/// <summary>
/// A registered message (C1). Channel, sender, content and audience never change after
/// registration (C2); only status and progress counters move.
/// </summary>
public sealed record Campaign
{
    public required string TenantId { get; init; }

    public required string CampaignId { get; init; }

    public required Channel Channel { get; init; }

    public required CampaignKind Kind { get; init; }

    public required string SenderNumber { get; init; }

    public string? Subject { get; init; }

    /// <summary>FriendTalk format; null for other channels.</summary>
    public FriendTalkType? FriendTalkType { get; init; }

    /// <summary>The Kakao-approved AlimTalk template the content follows.</summary>
    public string? TemplateCode { get; init; }

    /// <summary>The provider's id of an uploaded image (MMS, FriendTalk image and wide).</summary>
    public string? ImageId { get; init; }

    /// <summary>C4: what happens to advertising dispatched at night to recipients without night consent.</summary>
    public NightPolicy NightPolicy { get; init; } = NightPolicy.Hold;

    public required string Content { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset SendAt { get; init; }

    public required int RecipientCount { get; init; }

    public CampaignStatus Status { get; init; } = CampaignStatus.Scheduled;

    /// <summary>The group the campaign goes to, evaluated at dispatch (G3); null for an explicit list.</summary>
    public string? GroupId { get; init; }

    /// <summary>For a recurring series: its schedule. The series itself sends nothing; each run is a campaign.</summary>
    public Recurrence? Recurrence { get; init; }

    /// <summary>For a run of a series: the series' id, and which run this is (1 = the first).</summary>
    public string? SeriesId { get; init; }

    public int Run { get; init; }

    /// <summary>For a series: runs created so far, and when the next is due (null when the series ended).</summary>
    public int RunsCreated { get; init; }

    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>C4 hold: advertising dispatched at night waits until this morning time.</summary>
    public DateTimeOffset? HeldUntil { get; init; }

    /// <summary>Recipients cut into batches at dispatch (the rest were skipped by the night rule).</summary>
    public int Batched { get; init; }

    public int BatchCount { get; init; }

    public int BatchesCompleted { get; init; }

    /// <summary>Credits per message, fixed when the campaign is dispatched so refunds match charges.</summary>
    public int Price { get; init; }

    /// <summary>D2: the first batch the wallet could not pay; it and every later batch fail. 0 when all were paid.</summary>
    public int UnpaidFromBatch { get; init; }

    /// <summary>Recipients reached, on the campaign's channel or by fallback.</summary>
    public int Sent { get; init; }

    /// <summary>Recipients not reached (provider refusal, insufficient credits).</summary>
    public int Failed { get; init; }

    /// <summary>Recipients not sent because the campaign was cancelled (C2) or the night rule skipped them (C4).</summary>
    public int NotSent { get; init; }

    /// <summary>Recipients reached by the SMS/LMS fallback (D5), included in <see cref="Sent"/>.</summary>
    public int FallbackSent { get; init; }

    public long CreditsCharged { get; init; }

    public long CreditsRefunded { get; init; }

    /// <summary>Why the campaign as a whole failed (e.g. FriendTalk without credits for everyone, D3).</summary>
    public string? FailureReason { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Opaque store version (an ETag) for optimistic concurrency; null before it is stored.</summary>
    public string? Version { get; init; }

    /// <summary>When the campaign is next due for dispatch: the held morning, a series' next run, or its send time.</summary>
    public DateTimeOffset DueAt => HeldUntil ?? NextRunAt ?? SendAt;

    /// <summary>Recipients not yet sent or failed.</summary>
    public int Queued => Math.Max(0, RecipientCount - Sent - Failed - NotSent);

    /// <summary>
    /// The campaign after a failure reported late: the recipient, counted as sent (a fallback sent, for
    /// a fallback's failure), is failed, and its refund is added.
    /// </summary>
    public Campaign WithLateFailure(LateFailure failure) => this with
    {
        Sent = Sent - 1,
        Failed = Failed + 1,
        FallbackSent = failure.Step.Step == SendStep.Fallback ? FallbackSent - 1 : FallbackSent,
        CreditsRefunded = checked(CreditsRefunded + failure.Refunded),
    };

    /// <summary>The campaign with one more batch's counts added; the last batch settles the final status.</summary>
    public Campaign WithBatchCompleted(BatchCompletion c, DateTimeOffset now)
    {
        var completed = BatchesCompleted + 1;
        var updated = this with
        {
            BatchesCompleted = completed,
            Sent = Sent + c.Sent,
            Failed = Failed + c.Failed,
            NotSent = NotSent + c.NotSent,
            FallbackSent = FallbackSent + c.FallbackSent,
            CreditsCharged = checked(CreditsCharged + c.Charged),
            CreditsRefunded = checked(CreditsRefunded + c.Refunded),
            FailureReason = FailureReason ?? c.FailureReason,
        };
        if (completed < BatchCount || Status is CampaignStatus.Cancelled)
        {
            return updated;
        }

        return updated with
        {
            Status = updated.Sent == 0 && updated.FailureReason is not null ? CampaignStatus.Failed : CampaignStatus.Completed,
            CompletedAt = now,
        };
    }
}
