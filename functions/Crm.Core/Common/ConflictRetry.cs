using Polly;
using Polly.Retry;

namespace Crm.Core.Common;

/// <summary>
/// The one retry policy of optimistic concurrency: an attempt that lost a race (an ETag conflict, or
/// an answer that says "someone changed it first") reads again and tries again, after a short wait
/// that doubles with jitter from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>, at most
/// <see cref="MaxAttempts"/> attempts in all. The waits run on the given <see cref="TimeProvider"/>.
/// Build a pipeline once per owner and reuse it.
/// </summary>
public static class ConflictRetry
{
    /// <summary>Attempts in all, the first included: enough to outlast any realistic burst of writers.</summary>
    public const int MaxAttempts = 50;

    /// <summary>The median first wait: about one storage round trip.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>Retries an attempt that throws an exception <paramref name="isConflict"/> accepts; the last attempt's exception is thrown.</summary>
    public static ResiliencePipeline OnException(Func<Exception, bool> isConflict, TimeProvider? time = null, int maxAttempts = MaxAttempts) =>
        new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle(isConflict), MaxRetryAttempts = maxAttempts - 1, BackoffType = DelayBackoffType.Exponential, UseJitter = true, Delay = FirstDelay, MaxDelay = MaxDelay })
            .Build();

    /// <summary>Retries an attempt whose answer <paramref name="tryAgain"/> accepts; the last attempt's answer is returned as it is.</summary>
    public static ResiliencePipeline<T> OnResult<T>(Func<T, bool> tryAgain, TimeProvider? time = null, int maxAttempts = MaxAttempts) =>
        new ResiliencePipelineBuilder<T> { TimeProvider = time ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions<T> { ShouldHandle = new PredicateBuilder<T>().HandleResult(tryAgain), MaxRetryAttempts = maxAttempts - 1, BackoffType = DelayBackoffType.Exponential, UseJitter = true, Delay = FirstDelay, MaxDelay = MaxDelay })
            .Build();
}
