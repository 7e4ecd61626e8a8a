using Crm.Core.Rewards;

namespace Crm.Tests.Core;

public sealed class PointsPolicyTests
{
    private static PointsPolicy Monthly(DateOnly first) => new(365, first, ExpiryCycle.Monthly, 1000, ExpiryNotices: true, ChangeNotices: false);

    [Fact]
    public void A_monthly_cycle_on_the_31st_runs_on_the_last_day_of_february()
    {
        var policy = Monthly(new DateOnly(2027, 1, 31));

        Assert.Equal([new(2027, 1, 31), new(2027, 2, 28), new(2027, 3, 31), new(2027, 4, 30)], Enumerable.Range(0, 4).Select(policy.Run));
        Assert.Equal(new DateOnly(2027, 2, 28), policy.LatestRunOnOrBefore(new DateOnly(2027, 3, 30)));
        Assert.Equal(new DateOnly(2027, 3, 31), policy.NextRunAfter(new DateOnly(2027, 2, 28)));
        Assert.Null(policy.LatestRunOnOrBefore(new DateOnly(2027, 1, 30)));
        Assert.Equal(new DateOnly(2027, 1, 31), policy.NextRunAfter(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_leap_february_gets_its_29th()
    {
        Assert.Equal(new DateOnly(2028, 2, 29), Monthly(new DateOnly(2028, 1, 30)).Run(1));
    }

    [Fact]
    public void A_weekly_cycle_runs_every_seven_days_on_the_first_runs_weekday()
    {
        var weekly = new PointsPolicy(90, new DateOnly(2026, 12, 7), ExpiryCycle.Weekly, 0, true, false); // a Monday

        Assert.Equal(new DateOnly(2026, 12, 14), weekly.NextRunAfter(new DateOnly(2026, 12, 7)));
        Assert.Equal(new DateOnly(2026, 12, 14), weekly.LatestRunOnOrBefore(new DateOnly(2026, 12, 20)));
        Assert.Equal(DayOfWeek.Monday, weekly.Weekday);
    }

    [Fact]
    public void The_terms_state_validity_cycle_notice_and_that_expiry_is_final()
    {
        var terms = Monthly(new DateOnly(2027, 1, 31)).TermsText();

        Assert.Contains("적립일로부터 365일", terms);
        Assert.Contains("매월 31일(해당 일이 없는 달은 말일)", terms);
        Assert.Contains("1,000원 이상", terms);
        Assert.Contains("3일 전", terms);
        Assert.Contains("복구되지 않습니다", terms);
        Assert.Contains("매주 월요일", new PointsPolicy(90, new DateOnly(2026, 12, 7), ExpiryCycle.Weekly, 0, false, false).TermsText());
    }
}
