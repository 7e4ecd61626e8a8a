using Crm.Storage.Clients;
using Polly;
using Polly.Retry;

namespace Crm.Local.Hosting;

/// <summary>
/// How Crm.Local's own storage calls ride out a storage outage: tried again while storage is
/// unreachable or cannot serve (<see cref="StorageErrors.IsUnavailable"/>), after 1 s, then
/// doubling with jitter up to <see cref="MaxDelay"/>, for as long as the outage lasts; any other
/// failure, and cancellation, ends the call at once. Each retry is logged as a warning.
/// </summary>
public static class StorageRetry
{
    /// <summary>The longest wait between attempts: how late the host notices that storage is back.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public static ResiliencePipeline Create(ILogger logger, string caller, TimeProvider? time = null) =>
        new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(StorageErrors.IsUnavailable),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    // The SDK wraps its own retries' failures; the last one says what is wrong.
                    var error = args.Outcome.Exception is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[^1] : args.Outcome.Exception;
                    logger.LogWarning("{Caller}: storage is unavailable ({Error}); attempt {Attempt} in {Delay}", caller, error?.Message, args.AttemptNumber + 2, args.RetryDelay);
                    return default;
                },
            })
            .Build();
}
