using System.Globalization;
using Crm.Core.Functions;

namespace Crm.Core.Delivery;

/// <summary>
/// How long a batch step waits for its delivery reports before it is settled (refunds, fallback),
/// how often the provider is asked when no report arrives, and the secret in the report webhook's
/// URL. Kakao reports in seconds; carriers report most SMS within a minute, some only hours later:
/// those come in as late reports (refunded on their own, no fallback).
/// </summary>
public sealed record DeliveryReportOptions
{
    public TimeSpan KakaoWindow { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MessageWindow { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The report webhook's secret (in its URL); empty: every report call is refused.</summary>
    public string Secret { get; init; } = string.Empty;

    public TimeSpan WindowFor(Channel channel) => channel is Channel.AlimTalk or Channel.FriendTalk ? KakaoWindow : MessageWindow;

    public static DeliveryReportOptions FromSettings(Func<string, string?> setting)
    {
        var defaults = new DeliveryReportOptions();
        TimeSpan Time(string name, TimeSpan fallback, TimeSpan min, TimeSpan max)
        {
            var raw = setting(name);
            if (string.IsNullOrWhiteSpace(raw))
            {
                return fallback;
            }

            return TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : throw new InvalidOperationException($"{name}={raw} is not a time span from {min} to {max} (hh:mm:ss).");
        }

        return new DeliveryReportOptions
        {
            KakaoWindow = Time(SettingNames.DeliveryReportsKakaoWindow, defaults.KakaoWindow, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24)),
            MessageWindow = Time(SettingNames.DeliveryReportsMessageWindow, defaults.MessageWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(3)),
            PollInterval = Time(SettingNames.DeliveryReportsPollInterval, defaults.PollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)),
            Secret = setting(SettingNames.DeliveryReportsSecret) ?? string.Empty,
        };
    }
}
