using System.Globalization;
using Crm.Core.Functions;

namespace Crm.Providers.Sandbox;

/// <summary>How long the sandbox takes to report a registered message's final status (Sandbox__ReportDelay, default 3 s).</summary>
public sealed record SandboxOptions
{
    public TimeSpan ReportDelay { get; init; } = TimeSpan.FromSeconds(3);

    public static SandboxOptions FromSettings(Func<string, string?> setting)
    {
        var raw = setting(SettingNames.SandboxReportDelay);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new SandboxOptions();
        }

        return TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var delay) && delay >= TimeSpan.Zero && delay <= TimeSpan.FromHours(1)
            ? new SandboxOptions { ReportDelay = delay }
            : throw new InvalidOperationException($"{SettingNames.SandboxReportDelay}={raw} is not a time span from 00:00:00 to 01:00:00.");
    }
}
