using Crm.Core.Audiences.Conditions;

namespace Crm.Core.Cohorts;

/// <summary>
/// An event's audience rule, compiled once per evaluation (B2, B3): the targeted stages under the
/// funnel as it is now, the user condition, and the pre-camp, waitlist and progress filters,
/// applied to each person's live record.
/// </summary>
public sealed record EventAudience(IReadOnlySet<string> Stages, Condition? Condition, PreCampFilter? PreCamp, NumberRange? WaitlistRank, NumberRange? LectureProgress)
{
    public static EventAudience Of(CohortEvent e, Funnel funnel) => new(
        e.Target.StageIds(funnel),
        e.Condition is { } text ? Audiences.Conditions.Condition.Parse(text, PersonFields.KindOf) : null,
        e.PreCamp,
        e.WaitlistRank,
        e.LectureProgress);

    public bool Matches(Person person, EvaluationContext context, DateOnly sendDate) =>
        Stages.Contains(person.Stage)
        && (Condition is null || Condition.Matches(person, context))
        && (PreCamp is null || PreCamp.Matches(person, sendDate))
        && (WaitlistRank is null || WaitlistRank.Matches(person.WaitlistRank))
        && (LectureProgress is null || LectureProgress.Matches(person.LectureProgress));

    /// <summary>The content's #{variables} for one person.</summary>
    public static Dictionary<string, string> Variables(Person person, Cohort cohort, Course? course) => new(StringComparer.Ordinal)
    {
        ["name"] = person.Name ?? string.Empty,
        ["cohort"] = cohort.Name,
        ["course"] = course?.Name ?? string.Empty,
    };
}
