using Crm.Core.Delivery;

namespace Crm.Tests.Core;

public sealed class NightRuleTests
{
    private const string Seoul = "Asia/Seoul";

    private static DateTimeOffset Kst(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(9));

    [Theory]
    [InlineData(20, 59, false)]
    [InlineData(21, 0, true)]
    [InlineData(3, 0, true)]
    [InlineData(7, 59, true)]
    [InlineData(8, 0, false)]
    public void Sms_advertising_night_is_21_to_08_seoul_time(int hour, int minute, bool night)
    {
        Assert.Equal(night, NightRule.IsNight(Kst(23, hour, minute), Channel.Sms, Seoul));
    }

    [Theory]
    [InlineData(20, 49, false)]
    [InlineData(20, 50, true)]
    public void Kakao_advertising_night_starts_at_20_50(int hour, int minute, bool night)
    {
        Assert.Equal(night, NightRule.IsNight(Kst(23, hour, minute), Channel.FriendTalk, Seoul));
    }

    [Fact]
    public void The_night_is_judged_in_the_tenant_zone_not_utc()
    {
        // 13:00 UTC is 22:00 in Seoul.
        Assert.True(NightRule.IsNight(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), Channel.Sms, Seoul));
        Assert.False(NightRule.IsNight(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), Channel.Sms, "Europe/London"));
    }

    [Fact]
    public void Held_advertising_goes_at_the_next_08_00()
    {
        Assert.Equal(Kst(24, 8, 0), NightRule.NextMorning(Kst(23, 22, 0), Seoul));
        Assert.Equal(Kst(23, 8, 0), NightRule.NextMorning(Kst(23, 3, 0), Seoul));
    }
}
