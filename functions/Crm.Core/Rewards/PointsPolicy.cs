namespace Crm.Core.Rewards;

/// <summary>
/// A tenant's points rules (R3, R4): how long a grant is valid, when expiry runs (a first date and a
/// monthly or weekly cycle, in the tenant's zone), and when a D-3 notice is due.
/// </summary>
public sealed record PointsPolicy(
    int ValidityDays,
    DateOnly FirstExpiryDate,
    ExpiryCycle Cycle,
    long NoticeThreshold,
    bool ExpiryNotices,
    bool ChangeNotices,
    string? ExpiryNoticeTemplate = null,
    string? ChangeNoticeTemplate = null)
{
    private static readonly string[] KoreanDayNames = ["일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"];

    /// <summary>Monthly runs fall on this day of the month (the first run's day).</summary>
    public int DayOfMonth => FirstExpiryDate.Day;

    /// <summary>Weekly runs fall on this weekday (the first run's).</summary>
    public DayOfWeek Weekday => FirstExpiryDate.DayOfWeek;

    /// <summary>Run n (0 = the first): monthly on <see cref="DayOfMonth"/>, or the last day of a shorter month; weekly every 7 days.</summary>
    public DateOnly Run(int n)
    {
        if (Cycle == ExpiryCycle.Weekly)
        {
            return FirstExpiryDate.AddDays(7 * n);
        }

        var month = new DateOnly(FirstExpiryDate.Year, FirstExpiryDate.Month, 1).AddMonths(n);
        return new DateOnly(month.Year, month.Month, Math.Min(DayOfMonth, DateTime.DaysInMonth(month.Year, month.Month)));
    }

    /// <summary>The latest run on or before <paramref name="day"/>, or null before the first.</summary>
    public DateOnly? LatestRunOnOrBefore(DateOnly day)
    {
        if (day < FirstExpiryDate)
        {
            return null;
        }

        var n = Cycle == ExpiryCycle.Weekly
            ? (day.DayNumber - FirstExpiryDate.DayNumber) / 7
            : ((day.Year - FirstExpiryDate.Year) * 12) + day.Month - FirstExpiryDate.Month;
        while (Run(n) > day)
        {
            n--;
        }

        return Run(n);
    }

    /// <summary>The first run after <paramref name="day"/>.</summary>
    public DateOnly NextRunAfter(DateOnly day)
    {
        if (day < FirstExpiryDate)
        {
            return FirstExpiryDate;
        }

        var latest = LatestRunOnOrBefore(day)!.Value;
        for (var n = 0; ; n++)
        {
            if (Run(n) > latest)
            {
                return Run(n);
            }
        }
    }

    /// <summary>R5: the terms text the tenant must publish, generated from the policy (Korean).</summary>
    public string TermsText()
    {
        var cycle = Cycle == ExpiryCycle.Monthly
            ? $"매월 {DayOfMonth}일(해당 일이 없는 달은 말일)"
            : $"매주 {KoreanDayNames[(int)Weekday]}";
        var notice = ExpiryNotices
            ? $"소멸 예정 적립금이 {NoticeThreshold:N0}원 이상인 회원에게는 소멸일 3일 전에 카카오 알림톡(수신이 어려운 경우 문자)으로 소멸 예정 금액과 소멸일을 안내합니다."
            : "소멸 예정 적립금에 대한 사전 안내는 발송하지 않습니다.";
        return string.Join('\n',
            $"1. 적립금의 유효기간은 적립일로부터 {ValidityDays:N0}일입니다.",
            $"2. 유효기간이 지난 적립금은 {FirstExpiryDate:yyyy년 M월 d일}부터 {cycle}에 일괄 소멸됩니다.",
            $"3. {notice}",
            "4. 적립금은 먼저 소멸될 적립금부터 사용됩니다.",
            "5. 소멸된 적립금은 어떠한 경우에도 복구되지 않습니다.");
    }
}
