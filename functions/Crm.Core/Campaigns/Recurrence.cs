namespace Crm.Core.Campaigns;

/// <summary>
/// A recurring campaign's schedule (C1): every <see cref="Interval"/> days, weeks or months from the
/// first send, in the tenant's time zone, ending after <see cref="Runs"/> sends or at <see cref="Until"/>
/// (an end is mandatory). Run n is computed from the first send, so months never drift: a series
/// starting on the 31st sends on the last day of shorter months.
/// </summary>
public sealed record Recurrence(RecurrenceUnit Every, int Interval, DateTimeOffset? Until, int? Runs)
{
    public const int MaxRuns = 366;

    /// <summary>The send time of run <paramref name="run"/> (1 = the first).</summary>
    public DateTimeOffset RunAt(DateTimeOffset first, int run, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = TimeZoneInfo.ConvertTime(first, zone).DateTime;
        var steps = (run - 1) * Interval;
        var next = Every switch
        {
            RecurrenceUnit.Day => local.AddDays(steps),
            RecurrenceUnit.Week => local.AddDays(7 * steps),
            _ => local.AddMonths(steps),
        };
        return new DateTimeOffset(next, zone.GetUtcOffset(next));
    }

    /// <summary>Whether run <paramref name="run"/> still belongs to the series.</summary>
    public bool Includes(DateTimeOffset first, int run, string timeZone) =>
        run <= (Runs ?? MaxRuns) && (Until is null || RunAt(first, run, timeZone) <= Until);
}
