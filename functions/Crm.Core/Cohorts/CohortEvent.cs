namespace Crm.Core.Cohorts;

/// <summary>
/// A date-based event (B1–B5, seed 003's "CRM 이벤트"): sent at a cohort's reference date + offset
/// days at a local time, optionally every n days until an end, to the people whose live stage is
/// targeted and who pass the user conditions at send time. Course and cohort never change (B6).
/// </summary>
public sealed record CohortEvent
{
    public required string TenantId { get; init; }

    public required string EventId { get; init; }

    public required string CourseId { get; init; }

    public required string CohortId { get; init; }

    public required string Name { get; init; }

    /// <summary>The name of one of the cohort's reference dates, e.g. recruitmentEnd.</summary>
    public required string ReferenceDate { get; init; }

    /// <summary>D-n is negative, D+n positive.</summary>
    public int OffsetDays { get; init; }

    public required TimeOnly TimeOfDay { get; init; }

    public required EventTarget Target { get; init; }

    /// <summary>A user condition in the groups' condition language over person fields (B3); null: everyone targeted.</summary>
    public string? Condition { get; init; }

    public PreCampFilter? PreCamp { get; init; }

    public NumberRange? WaitlistRank { get; init; }

    public NumberRange? LectureProgress { get; init; }

    public EventRepeat? Repeat { get; init; }

    public bool Enabled { get; init; }

    /// <summary>What our providers send; null for an event linked to an external campaign (B7).</summary>
    public EventMessage? Message { get; init; }

    /// <summary>B7: the external campaign that sends the runs instead of our providers; its name is the event's.</summary>
    public ExternalCampaignLink? ExternalCampaign { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The next run to create (1 = the first) and its time; null when none is left or the event is off.</summary>
    public int? NextRun { get; init; }

    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>When a sweep started creating <see cref="NextRun"/>; another sweep leaves it alone for a while.</summary>
    public DateTimeOffset? RunClaimedAt { get; init; }

    /// <summary>Runs that came due, in order.</summary>
    public IReadOnlyList<EventRun> Runs { get; init; } = [];

    /// <summary>Opaque store version (an ETag); null before it is stored.</summary>
    public string? Version { get; init; }
}
