using Crm.Core.Campaigns;

namespace Crm.Core.Delivery;

/// <summary>
/// C4: no advertising 21:00–08:00 in the tenant's time zone to recipients without night consent;
/// Kakao blocks advertising from 20:50.
/// </summary>
public static class NightRule
{
    private static readonly TimeSpan MorningEnd = TimeSpan.FromHours(8);

    public static bool Applies(Campaign campaign, DateTimeOffset now, string timeZone) =>
        campaign.Kind == CampaignKind.Advertising && IsNight(now, campaign.Channel, timeZone);

    public static bool IsNight(DateTimeOffset now, Channel channel, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).TimeOfDay;
        var start = channel is Channel.AlimTalk or Channel.FriendTalk ? new TimeSpan(20, 50, 0) : TimeSpan.FromHours(21);
        return local >= start || local < MorningEnd;
    }

    /// <summary>The next 08:00 in the tenant's time zone after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextMorning(DateTimeOffset now, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var morning = new DateTimeOffset(local.Date + MorningEnd, local.Offset);
        return morning > local ? morning : new DateTimeOffset(local.Date.AddDays(1) + MorningEnd, zone.GetUtcOffset(local.Date.AddDays(1) + MorningEnd));
    }
}
