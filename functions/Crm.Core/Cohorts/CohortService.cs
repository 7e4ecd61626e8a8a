using Crm.Core.Common;
using Crm.Core.Tenants;

namespace Crm.Core.Cohorts;

/// <summary>The cohort CRM's definitions (B1, B2): the tenant's funnel, courses, cohorts and their people.</summary>
public sealed class CohortService(TenantService tenants, ICohortStore store, ICohortPeopleStore people, TimeProvider time)
{
    public async Task<Funnel> SaveFunnelAsync(string tenantId, FunnelSubmission? submission, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var errors = new ValidationErrors();
        var stages = submission?.Stages ?? [];
        if (stages.Count is 0 or > Funnel.MaxStages)
        {
            errors.Add("stages", $"From 1 to {Funnel.MaxStages} stages, in funnel order.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<FunnelStage>(stages.Count);
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            if (!CohortIds.IsValid(s?.Id))
            {
                errors.Add($"stages[{i}].id", "Required: 1–40 letters, digits or dashes.");
            }
            else if (!seen.Add(s!.Id!))
            {
                errors.Add($"stages[{i}].id", $"'{s.Id}' is listed twice.");
            }

            if (string.IsNullOrWhiteSpace(s?.Name) || s.Name.Length > 60)
            {
                errors.Add($"stages[{i}].name", "Required: the stage's name, at most 60 characters.");
            }

            if (s?.Context is null)
            {
                errors.Add($"stages[{i}].context", $"Required: one of {string.Join(", ", Enum.GetNames<FunnelContext>().Select(CamelCase))}.");
            }

            if (s is { Id: not null, Name: not null, Context: not null })
            {
                valid.Add(new FunnelStage(s.Id, s.Name.Trim(), s.Context.Value));
            }
        }

        errors.ThrowIfAny();
        var funnel = new Funnel(valid);
        await store.SaveFunnelAsync(tenant.TenantId, funnel, cancellationToken);
        return funnel;
    }

    public async Task<Funnel> GetFunnelAsync(string tenantId, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return await store.GetFunnelAsync(tenantId, cancellationToken) ?? throw new NotFoundException("Funnel", tenantId);
    }

    public async Task<Course> SaveCourseAsync(string tenantId, string courseId, CourseSubmission? submission, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var errors = new ValidationErrors();
        if (!CohortIds.IsValid(courseId))
        {
            errors.Add("courseId", "1–40 letters, digits or dashes.");
        }

        if (string.IsNullOrWhiteSpace(submission?.Name) || submission.Name.Length > 60)
        {
            errors.Add("name", "Required: the course's name, at most 60 characters.");
        }

        errors.ThrowIfAny();
        var course = new Course(tenant.TenantId, courseId, submission!.Name!.Trim());
        await store.SaveCourseAsync(course, cancellationToken);
        return course;
    }

    /// <summary>Creates the cohort or replaces its name and reference dates; its course never changes (B6).</summary>
    public async Task<Cohort> SaveCohortAsync(string tenantId, string cohortId, CohortSubmission? submission, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var errors = new ValidationErrors();
        if (!CohortIds.IsValid(cohortId))
        {
            errors.Add("cohortId", "1–40 letters, digits or dashes.");
        }

        if (string.IsNullOrWhiteSpace(submission?.Name) || submission.Name.Length > 60)
        {
            errors.Add("name", "Required: the cohort's name, e.g. \"UXUI 3기\", at most 60 characters.");
        }

        foreach (var name in (submission?.ReferenceDates ?? new Dictionary<string, DateOnly>()).Keys.Where(n => !CohortIds.IsValidName(n)))
        {
            errors.Add($"referenceDates.{name}", "Reference date names are 1–40 letters or digits, e.g. recruitmentEnd.");
        }

        var existing = errors.IsEmpty ? await store.GetCohortAsync(tenant.TenantId, cohortId, cancellationToken) : null;
        if (submission?.CourseId is not { } courseId || !CohortIds.IsValid(courseId))
        {
            errors.Add("courseId", "Required: the course this cohort is a run of.");
        }
        else if (existing is not null && existing.CourseId != courseId)
        {
            errors.Add("courseId", $"The cohort belongs to course '{existing.CourseId}'; a cohort's course cannot change (B6).");
        }
        else if (existing is null && await store.GetCourseAsync(tenant.TenantId, courseId, cancellationToken) is null)
        {
            errors.Add("courseId", $"This tenant has no course '{courseId}'; create it first.");
        }

        errors.ThrowIfAny();
        var cohort = new Cohort(tenant.TenantId, cohortId, submission!.CourseId!, submission.Name!.Trim(), submission.ReferenceDates ?? new Dictionary<string, DateOnly>());
        await store.SaveCohortAsync(cohort, cancellationToken);
        return cohort;
    }

    public async Task<Cohort> GetCohortAsync(string tenantId, string cohortId, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return (CohortIds.IsValid(cohortId) ? await store.GetCohortAsync(tenantId, cohortId, cancellationToken) : null)
            ?? throw new NotFoundException("Cohort", cohortId);
    }

    /// <summary>Bulk upsert of a cohort's people: every row valid, or a 400 naming the bad rows and nothing written.</summary>
    public async Task<int> UpsertPeopleAsync(string tenantId, string cohortId, IReadOnlyList<PersonRecord?> records, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var cohort = await GetCohortAsync(tenantId, cohortId, cancellationToken);
        var funnel = await store.GetFunnelAsync(tenantId, cancellationToken)
            ?? throw new CrmValidationException("stage", "This tenant has no funnel yet; define its stages (PUT funnel) before adding people.");
        var valid = PersonImport.Validate(records, funnel, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone), time.GetUtcNow());
        await people.UpsertAsync(tenantId, cohort.CohortId, valid, cancellationToken);
        return valid.Count;
    }

    /// <summary>A person moved in the funnel (the course's own CRM calls this): one bucket read and one write.</summary>
    public async Task<Person> ChangeStageAsync(string tenantId, string cohortId, string phone, StageChange? change, CancellationToken cancellationToken)
    {
        await GetCohortAsync(tenantId, cohortId, cancellationToken);
        var funnel = await store.GetFunnelAsync(tenantId, cancellationToken);
        if (string.IsNullOrWhiteSpace(change?.Stage) || funnel?.Find(change.Stage) is null)
        {
            throw new CrmValidationException("stage", $"'{change?.Stage}' is not a stage of this tenant's funnel.");
        }

        var enteredAt = change.EnteredAt ?? time.GetUtcNow();
        return (PhoneNumber.TryNormalizeMobile(phone, out var normalized)
                ? await people.UpdateAsync(tenantId, cohortId, normalized, p => p with { Stage = change.Stage, StageEnteredAt = enteredAt }, cancellationToken)
                : null)
            ?? throw new NotFoundException("Person", PhoneNumber.Mask(phone));
    }

    public async Task<Person> GetPersonAsync(string tenantId, string cohortId, string phone, CancellationToken cancellationToken)
    {
        await GetCohortAsync(tenantId, cohortId, cancellationToken);
        return (PhoneNumber.TryNormalizeMobile(phone, out var normalized) ? await people.GetAsync(tenantId, cohortId, normalized, cancellationToken) : null)
            ?? throw new NotFoundException("Person", PhoneNumber.Mask(phone));
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
