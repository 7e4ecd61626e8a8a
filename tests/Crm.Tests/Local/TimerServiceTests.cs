using Azure;
using Crm.Local.Timers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Local;

public sealed class TimerServiceTests
{
    [Fact]
    public async Task A_run_that_storage_could_not_serve_is_tried_again_before_the_next_occurrence()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero));
        var runs = new List<DateTimeOffset>();
        var succeeded = new TaskCompletionSource();
        Func<CancellationToken, Task> handler = _ =>
        {
            lock (runs)
            {
                runs.Add(time.GetUtcNow());
                if (runs.Count <= 2)
                {
                    throw new RequestFailedException(503, "Storage is down.");
                }
            }

            succeeded.TrySetResult();
            return Task.CompletedTask;
        };

        using var timer = new TimerService("Hourly", "0 0 * * * *", handler, time, NullLogger<TimerService>.Instance);
        await timer.StartAsync(ct);
        for (var i = 0; i < 1_000 && !succeeded.Task.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(1, ct);
        }

        await timer.StopAsync(ct);
        Assert.True(succeeded.Task.IsCompleted, $"Runs at {string.Join(", ", runs.Select(r => r.ToString("u")))}");
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.True(r >= new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero) && r < new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero), $"{r:u} is not in the 01:00 occurrence"));
    }
}
