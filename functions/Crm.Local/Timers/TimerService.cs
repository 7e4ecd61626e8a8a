using Crm.Local.Hosting;
using NCrontab;

namespace Crm.Local.Timers;

/// <summary>
/// A timer trigger: six-field NCRONTAB (seconds first) read from the same setting the Functions
/// app uses, evaluated in UTC as on Linux plans. A run that storage could not serve (an outage) is
/// tried again with <see cref="StorageRetry"/>'s backoff until the next occurrence is due, so a
/// nightly run is not lost to a minute without storage; any other failure is logged and not retried.
/// </summary>
public sealed class TimerService(string functionName, string schedule, Func<CancellationToken, Task> handler, TimeProvider time, ILogger<TimerService> logger)
    : BackgroundService
{
    private readonly Polly.ResiliencePipeline _storage = StorageRetry.Create(logger, $"Timer {functionName}", time);

    public static CrontabSchedule Parse(string functionName, string settingName, string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new InvalidOperationException($"{functionName}: the schedule setting {settingName} is empty.");
        }

        return CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidOperationException($"{functionName}: {settingName}='{expression}' is not a six-field NCRONTAB expression (e.g. '0 * * * * *').");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cron = CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var next = cron.GetNextOccurrence(now);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using var untilNext = new CancellationTokenSource(cron.GetNextOccurrence(next) - next, time);
            using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, untilNext.Token);
            try
            {
                await _storage.ExecuteAsync(async _ => await handler(stoppingToken), window.Token);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Timer {Function} failed at {Time:u}", functionName, next);
            }
        }
    }
}
