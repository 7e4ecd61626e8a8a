namespace Crm.Core.Workflows;

/// <summary>
/// Mirrors Durable's RetryPolicy(maxNumberOfAttempts, firstRetryInterval, backoffCoefficient,
/// maxRetryInterval) so both hosts retry the same way.
/// </summary>
public sealed record ActivityRetryPolicy(int MaxAttempts, TimeSpan FirstRetryInterval, double BackoffCoefficient = 2.0, TimeSpan? MaxRetryInterval = null)
{
    /// <summary>Delay before attempt <paramref name="attempt"/> (2 = the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var delay = FirstRetryInterval * Math.Pow(BackoffCoefficient, Math.Max(0, attempt - 2));
        return MaxRetryInterval is { } max && delay > max ? max : delay;
    }
}
