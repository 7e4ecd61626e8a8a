namespace Crm.Core.Cohorts;

/// <summary>
/// B3 사전캠프 참여 여부: participants (present at least one day) or non-participants; for
/// participants, optionally only those absent on each of their last <see cref="AbsentDays"/>
/// recorded days up to the send date (최근 연속 n일 미입실).
/// </summary>
public sealed record PreCampFilter(bool Participated, int? AbsentDays = null)
{
    public bool Matches(Person person, DateOnly sendDate)
    {
        var days = person.PreCampAttendance.Where(a => a.Key <= sendDate).OrderByDescending(a => a.Key).ToList();
        var participated = days.Any(a => a.Value);
        if (participated != Participated)
        {
            return false;
        }

        return AbsentDays is not { } n || (days.Count >= n && days.Take(n).All(a => !a.Value));
    }
}
