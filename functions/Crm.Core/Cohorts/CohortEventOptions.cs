using System.Globalization;
using Crm.Core.Functions;

namespace Crm.Core.Cohorts;

/// <summary>
/// How late a missed event run may still go out: a run whose time passed while the host was down
/// is sent when the timer next runs if it is at most <see cref="MissedRunGrace"/> late; an older
/// one is recorded as missed (a D-1 reminder a day late would be wrong).
/// </summary>
public sealed record CohortEventOptions(TimeSpan MissedRunGrace)
{
    public static CohortEventOptions Default { get; } = new(TimeSpan.FromHours(1));

    public static CohortEventOptions FromSettings(Func<string, string?> setting)
    {
        var raw = setting(SettingNames.CohortEventsMissedRunGrace);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Default;
        }

        return TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var grace) && grace >= TimeSpan.Zero && grace <= TimeSpan.FromDays(1)
            ? new CohortEventOptions(grace)
            : throw new InvalidOperationException($"{SettingNames.CohortEventsMissedRunGrace}={raw} is not a time span from 00:00:00 to 1.00:00:00.");
    }
}
