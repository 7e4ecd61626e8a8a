using System.Threading.Channels;
using Crm.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Core;

public sealed class ConflictRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_conflict_is_tried_again_after_waits_on_the_time_provider_and_the_last_one_is_thrown()
    {
        var time = new RecordingTime();
        var attempts = 0;
        var run = ConflictRetry.OnException(e => e is ConflictException, time, maxAttempts: 4)
            .ExecuteAsync(_ => { attempts++; throw new ConflictException($"lost race {attempts}"); }, Ct)
            .AsTask();

        // Each wait is a timer on the given clock: nothing happens until that clock moves past it.
        var waits = new List<TimeSpan>();
        for (var wait = 1; wait <= 3; wait++)
        {
            var due = await time.Timers.Reader.ReadAsync(Ct);
            Assert.Equal(wait, attempts);
            waits.Add(due);
            time.Fake.Advance(due);
        }

        var error = await Assert.ThrowsAsync<ConflictException>(() => run);
        Assert.Equal("lost race 4", error.Message);
        Assert.Equal(4, attempts);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromTicks(1), ConflictRetry.MaxDelay));
        Assert.False(time.Timers.Reader.TryRead(out _));
    }

    [Fact]
    public async Task An_exception_the_predicate_refuses_ends_the_call_at_once()
    {
        var time = new RecordingTime();
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => ConflictRetry.OnException(e => e is ConflictException, time)
            .ExecuteAsync(_ => { attempts++; throw new InvalidOperationException("not a race"); }, Ct)
            .AsTask());

        Assert.Equal(1, attempts);
        Assert.False(time.Timers.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_try_again_answer_is_retried_and_the_last_one_is_returned_as_it_is()
    {
        var time = new RecordingTime();
        var attempts = 0;
        var pipeline = ConflictRetry.OnResult<string?>(answer => answer is null, time, maxAttempts: 3);

        var run = pipeline.ExecuteAsync(_ => ValueTask.FromResult(++attempts == 2 ? "applied" : null), Ct).AsTask();
        time.Fake.Advance(await time.Timers.Reader.ReadAsync(Ct));
        Assert.Equal("applied", await run);
        Assert.Equal(2, attempts);

        attempts = 0;
        var exhausted = pipeline.ExecuteAsync(_ => { attempts++; return ValueTask.FromResult<string?>(null); }, Ct).AsTask();
        time.Fake.Advance(await time.Timers.Reader.ReadAsync(Ct));
        time.Fake.Advance(await time.Timers.Reader.ReadAsync(Ct));
        Assert.Null(await exhausted);
        Assert.Equal(3, attempts);
    }

    // A fake clock that also says when a timer is set and for how long.
    private sealed class RecordingTime : TimeProvider
    {
        public FakeTimeProvider Fake { get; } = new();

        public Channel<TimeSpan> Timers { get; } = Channel.CreateUnbounded<TimeSpan>();

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            Timers.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
