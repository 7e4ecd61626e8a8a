using Crm.Core.Audiences;
using Crm.Core.Audiences.Conditions;

namespace Crm.Core.Cohorts;

/// <summary>
/// Someone in a cohort's funnel (B2, B3): a normalised mobile number (the key), their live stage
/// and when they entered it, the fields user conditions filter on, waitlist rank, lecture progress
/// and pre-camp attendance by day (true present, false absent).
/// </summary>
public sealed record Person : IConditionSubject
{
    public required string Phone { get; init; }

    public string? Name { get; init; }

    public required string Stage { get; init; }

    public DateTimeOffset? StageEnteredAt { get; init; }

    public bool? HasCard { get; init; }

    public int? Age { get; init; }

    public string? ProgrammingLevel { get; init; }

    /// <summary>예비합격 순번: 1 is the first on the waitlist.</summary>
    public int? WaitlistRank { get; init; }

    /// <summary>Lecture progress in percent, 0–100.</summary>
    public decimal? LectureProgress { get; init; }

    public IReadOnlyDictionary<DateOnly, bool> PreCampAttendance { get; init; } = new Dictionary<DateOnly, bool>();

    public IReadOnlyDictionary<string, CustomValue> Custom { get; init; } = new Dictionary<string, CustomValue>();

    ConditionValue? IConditionSubject.Read(string field) => PersonFields.Read(this, field);
}
