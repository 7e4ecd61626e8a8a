using System.Globalization;
using Crm.Core.Audiences.Conditions;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Tenants;

namespace Crm.Core.Cohorts;

/// <summary>Every rule an event must pass before it is saved (B1–B5); its message passes the campaign rules (C1, C3, C5, D8).</summary>
public static class EventValidator
{
    /// <summary>The prefix of every event linked to an external campaign (B7).</summary>
    public const string ExternalPrefix = "MMS_";

    public static CohortEvent Validate(
        Tenant tenant, Cohort cohort, Funnel? funnel, EventSubmission? s, CohortEvent? existing, string eventId, DateTimeOffset now,
        Func<Channel, FriendTalkType?, string?>? refuses)
    {
        var errors = new ValidationErrors();
        if (s is null)
        {
            throw new CrmValidationException("body", "A JSON body with name, referenceDate, offsetDays, timeOfDay, target and message is required.");
        }

        if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Length > 100)
        {
            errors.Add("name", "Required: the event's name, at most 100 characters.");
        }

        // B6: an event stays in the course and cohort it was created in.
        if (s.CohortId is { } cohortId && cohortId != cohort.CohortId)
        {
            errors.Add("cohortId", $"The event belongs to cohort '{cohort.CohortId}'; an event's cohort cannot change (B6).");
        }

        if (s.CourseId is { } courseId && courseId != cohort.CourseId)
        {
            errors.Add("courseId", $"The event belongs to course '{cohort.CourseId}'; an event's course cannot change (B6).");
        }

        if (string.IsNullOrEmpty(s.ReferenceDate) || !cohort.ReferenceDates.ContainsKey(s.ReferenceDate))
        {
            errors.Add("referenceDate", $"One of the cohort's reference dates: {string.Join(", ", cohort.ReferenceDates.Keys)}.");
        }

        if (s.OffsetDays is not (>= -365 and <= 365))
        {
            errors.Add("offsetDays", "Required: days from the reference date, -365 (D-365) to 365 (D+365); 0 is the day itself.");
        }

        if (!TimeOnly.TryParseExact(s.TimeOfDay, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var timeOfDay))
        {
            errors.Add("timeOfDay", "Required: the local send time as HH:mm, e.g. 10:00.");
        }

        ValidateTarget(s.Target, funnel, errors);
        if (s.Condition is not null)
        {
            try
            {
                Condition.Parse(s.Condition, PersonFields.KindOf);
            }
            catch (ConditionParseException ex)
            {
                errors.Add("condition", ex.Message);
            }
        }

        ValidateFilters(s, errors);
        ValidateRepeat(s.Repeat, errors);
        if (s.ExternalCampaign is { } link)
        {
            ValidateLink(s.Name, link, s.Message, errors);
        }
        else
        {
            ValidateMessage(tenant, s.Message, now, refuses, errors);
        }

        errors.ThrowIfAny();

        return new CohortEvent
        {
            TenantId = tenant.TenantId,
            EventId = eventId,
            CourseId = cohort.CourseId,
            CohortId = cohort.CohortId,
            Name = s.Name!.Trim(),
            ReferenceDate = s.ReferenceDate!,
            OffsetDays = s.OffsetDays!.Value,
            TimeOfDay = timeOfDay,
            Target = new EventTarget(s.Target!.Contexts.Distinct().ToList(), (s.Target.Stages ?? []).Distinct().ToList()),
            Condition = string.IsNullOrWhiteSpace(s.Condition) ? null : s.Condition,
            PreCamp = s.PreCamp,
            WaitlistRank = s.WaitlistRank,
            LectureProgress = s.LectureProgress,
            Repeat = s.Repeat,
            Enabled = s.Enabled ?? true,
            Message = s.ExternalCampaign is null ? s.Message : null,
            ExternalCampaign = s.ExternalCampaign,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
            Runs = existing?.Runs ?? [],
            Version = existing?.Version,
        };
    }

    private static void ValidateTarget(EventTarget? target, Funnel? funnel, ValidationErrors errors)
    {
        if (funnel is null)
        {
            errors.Add("target", "This tenant has no funnel yet; define its stages (PUT funnel) first.");
            return;
        }

        if (target is null || (target.Contexts ?? []).Count == 0)
        {
            errors.Add("target.contexts", "Choose at least one context, e.g. writingApplication.");
            return;
        }

        foreach (var stageId in target.Stages ?? [])
        {
            if (funnel.Find(stageId) is not { } stage)
            {
                errors.Add("target.stages", $"'{stageId}' is not a stage of this tenant's funnel.");
            }
            else if (!target.Contexts!.Contains(stage.Context))
            {
                errors.Add("target.stages", $"'{stageId}' is in context {stage.Context}, which is not chosen; removing a context removes its stages.");
            }
        }
    }

    private static void ValidateFilters(EventSubmission s, ValidationErrors errors)
    {
        if (s.PreCamp is { AbsentDays: { } days } preCamp && (!preCamp.Participated || days is < 1 or > 60))
        {
            errors.Add("preCamp.absentDays", "Only for participants (participated: true): 1 to 60 consecutive days.");
        }

        if (s.WaitlistRank is { } rank && (rank.Min is < 1 || rank.Max is < 1 || rank.Min > rank.Max || rank.Min % 1 != 0 || rank.Max % 1 != 0))
        {
            errors.Add("waitlistRank", "Whole ranks from 1, min ≤ max.");
        }

        if (s.LectureProgress is { } progress && (progress.Min is < 0 or > 100 || progress.Max is < 0 or > 100 || progress.Min > progress.Max))
        {
            errors.Add("lectureProgress", "Percentages from 0 to 100, min ≤ max.");
        }
    }

    private static void ValidateRepeat(EventRepeat? repeat, ValidationErrors errors)
    {
        if (repeat is null)
        {
            return;
        }

        if (repeat.EveryDays is < 1 or > 365)
        {
            errors.Add("repeat.everyDays", "Every 1 to 365 days.");
        }

        if (repeat.Until is null && repeat.Runs is null)
        {
            errors.Add("repeat", "A repeating event must state its end: \"until\" (a date) or \"runs\" (a number of sends) (B4).");
        }

        if (repeat.Runs is < 2 or > EventSchedule.MaxRuns)
        {
            errors.Add("repeat.runs", $"From 2 to {EventSchedule.MaxRuns} sends.");
        }
    }

    // B7 and seed 003's 전제 조건: the event is named exactly as the external campaign, MMS_ first.
    private static void ValidateLink(string? name, ExternalCampaignLink link, EventMessage? message, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(link.Id) || link.Id.Length > 100)
        {
            errors.Add("externalCampaign.id", "Required: the external campaign's id, e.g. 2834.");
        }

        if (string.IsNullOrWhiteSpace(link.Name))
        {
            errors.Add("externalCampaign.name", "Required: the external campaign's name, e.g. MMS_UXUI_개강 1주차.");
        }
        else if (name is not null && !name.StartsWith(ExternalPrefix, StringComparison.Ordinal))
        {
            errors.Add("name", $"An event linked to an external campaign is named {ExternalPrefix}…, e.g. MMS_UXUI_개강 1주차 (B7).");
        }
        else if (name is not null && !string.Equals(name, link.Name, StringComparison.Ordinal))
        {
            errors.Add("name", $"'{name}' must equal the external campaign's name '{link.Name}' exactly (B7).");
        }

        if (message is not null)
        {
            errors.Add("message", "A linked event's message is the external campaign's; leave message out.");
        }
    }

    // The same rules as a campaign's message: a sample person with every variable empty stands in
    // for the audience, which is known only at send time.
    private static void ValidateMessage(Tenant tenant, EventMessage? message, DateTimeOffset now, Func<Channel, FriendTalkType?, string?>? refuses, ValidationErrors errors)
    {
        if (message is null)
        {
            errors.Add("message", "Required: channel, kind, senderNumber and content, as for a campaign.");
            return;
        }

        if (message.Content is { } content && MessageTemplate.Placeholders(content).Except(VariableNames.All).ToList() is { Count: > 0 } unknown)
        {
            errors.Add("message.content", $"An event can use #{{{string.Join("}, #{", VariableNames.All)}}}; not {string.Join(", ", unknown.Select(u => $"#{{{u}}}"))}.");
            return;
        }

        var sample = new RecipientSubmission("010-1234-5678", VariableNames.All.ToDictionary(v => v, _ => string.Empty));
        try
        {
            CampaignValidator.Validate(tenant, message.ToSubmission([sample]), "validation", now, refuses: refuses);
        }
        catch (CrmValidationException ex)
        {
            foreach (var (field, problems) in ex.Errors)
            {
                foreach (var problem in problems)
                {
                    errors.Add(field.StartsWith("recipients", StringComparison.Ordinal) ? "message.content" : $"message.{field}", problem);
                }
            }
        }
    }
}
