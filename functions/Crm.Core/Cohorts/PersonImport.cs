using Crm.Core.Audiences;
using Crm.Core.Common;

namespace Crm.Core.Cohorts;

/// <summary>Turns API records into a cohort's people, naming each bad row by its 1-based number; nothing is written if any is bad.</summary>
public static class PersonImport
{
    public const int MaxPerRequest = 100_000;
    private const int MaxReportedRows = 20;

    public static IReadOnlyList<Person> Validate(IReadOnlyList<PersonRecord?> records, Funnel funnel, TimeZoneInfo zone, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (records.Count == 0)
        {
            errors.Add("people", "At least one person is required.");
        }
        else if (records.Count > MaxPerRequest)
        {
            errors.Add("people", $"At most {MaxPerRequest:N0} people per request; {records.Count:N0} were sent.");
        }

        errors.ThrowIfAny();
        var people = new Dictionary<string, Person>(records.Count, StringComparer.Ordinal);
        var bad = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (TryConvert(records[i], funnel, zone, now, out var person) is { } problem)
            {
                if (bad++ < MaxReportedRows)
                {
                    errors.Add($"row {i + 1}", problem);
                }

                continue;
            }

            people[person!.Phone] = person; // the same phone twice: the later row wins
        }

        if (bad > MaxReportedRows)
        {
            errors.Add("people", $"{bad - MaxReportedRows} more rows have errors.");
        }

        errors.ThrowIfAny();
        return people.Values.ToList();
    }

    private static string? TryConvert(PersonRecord? r, Funnel funnel, TimeZoneInfo zone, DateTimeOffset now, out Person? person)
    {
        person = null;
        if (r is null)
        {
            return "A person object is required.";
        }

        if (!PhoneNumber.TryNormalizeMobile(r.Phone, out var phone))
        {
            return $"phone: '{r.Phone}' is not a Korean mobile number (e.g. 010-1234-5678).";
        }

        if (string.IsNullOrWhiteSpace(r.Stage) || funnel.Find(r.Stage) is null)
        {
            return $"stage: '{r.Stage}' is not a stage of this tenant's funnel.";
        }

        if (r.Age is < 0 or > 150)
        {
            return "age: from 0 to 150.";
        }

        if (r.WaitlistRank is < 1)
        {
            return "waitlistRank: 1 or more (1 is the first on the waitlist).";
        }

        if (r.LectureProgress is < 0 or > 100)
        {
            return "lectureProgress: a percentage from 0 to 100.";
        }

        if (CustomerImport.ConvertCustom(r.Custom, zone, out var custom) is { } customError)
        {
            return customError;
        }

        person = new Person
        {
            Phone = phone,
            Name = r.Name,
            Stage = r.Stage,
            StageEnteredAt = r.StageEnteredAt ?? now,
            HasCard = r.HasCard,
            Age = r.Age,
            ProgrammingLevel = r.ProgrammingLevel,
            WaitlistRank = r.WaitlistRank,
            LectureProgress = r.LectureProgress,
            PreCampAttendance = r.PreCampAttendance ?? new Dictionary<DateOnly, bool>(),
            Custom = custom,
        };
        return null;
    }
}
