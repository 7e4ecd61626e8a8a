using System.Text.Json;

namespace Crm.Core.Cohorts;

/// <summary>
/// A person as the bulk upsert takes it (B2, B3). Custom values are JSON strings, numbers or
/// booleans; a string like 2025-11-14 is a date. Pre-camp attendance maps days to present (true)
/// or absent (false).
/// </summary>
public sealed record PersonRecord(
    string? Phone,
    string? Name = null,
    string? Stage = null,
    DateTimeOffset? StageEnteredAt = null,
    bool? HasCard = null,
    int? Age = null,
    string? ProgrammingLevel = null,
    int? WaitlistRank = null,
    decimal? LectureProgress = null,
    IReadOnlyDictionary<DateOnly, bool>? PreCampAttendance = null,
    IReadOnlyDictionary<string, JsonElement>? Custom = null);
