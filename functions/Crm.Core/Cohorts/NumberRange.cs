namespace Crm.Core.Cohorts;

/// <summary>An inclusive range filter (waitlist rank, lecture progress %); a missing bound is open. A person without the value does not match.</summary>
public sealed record NumberRange(decimal? Min = null, decimal? Max = null)
{
    public bool Matches(decimal? value) => value is { } v && (Min is null || v >= Min) && (Max is null || v <= Max);
}
