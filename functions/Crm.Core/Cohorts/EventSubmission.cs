namespace Crm.Core.Cohorts;

/// <summary>
/// The body of POST …/cohorts/{cohortId}/events (and PUT …/events/{eventId}, and preview). courseId
/// and cohortId may be repeated in the body; they must then match the event's (B6). timeOfDay is
/// "HH:mm" in the tenant's zone.
/// </summary>
public sealed record EventSubmission
{
    public string? Name { get; init; }

    public string? CourseId { get; init; }

    public string? CohortId { get; init; }

    public string? ReferenceDate { get; init; }

    public int? OffsetDays { get; init; }

    public string? TimeOfDay { get; init; }

    public EventTarget? Target { get; init; }

    public string? Condition { get; init; }

    public PreCampFilter? PreCamp { get; init; }

    public NumberRange? WaitlistRank { get; init; }

    public NumberRange? LectureProgress { get; init; }

    public EventRepeat? Repeat { get; init; }

    /// <summary>On or off (B5); on when left out.</summary>
    public bool? Enabled { get; init; }

    /// <summary>The message our providers send; or instead, <see cref="ExternalCampaign"/>.</summary>
    public EventMessage? Message { get; init; }

    /// <summary>B7: a campaign of the external tool (id and name); the event's name must start with MMS_ and equal its name.</summary>
    public ExternalCampaignLink? ExternalCampaign { get; init; }
}
