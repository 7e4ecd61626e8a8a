using Crm.Core.Delivery;
using Microsoft.DurableTask;

namespace Crm.Workflows;

/// <summary>
/// The delivery workflow's retry policies. Durable retries every failure unless HandleFailure says
/// otherwise: a <see cref="PermanentDeliveryException"/> (a missing campaign, a request the
/// provider refuses as such) fails at its first attempt; storage throttling and provider timeouts
/// are retried with backoff.
/// </summary>
public static class ActivityRetries
{
    /// <summary>Provider faults (timeouts, 5xx): five tries over about a minute.</summary>
    public static RetryPolicy Send { get; } = new(5, TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(30)) { HandleFailure = IsRetryable };

    /// <summary>Storage work: throttling clears quickly, so retry fast and often.</summary>
    public static RetryPolicy Store { get; } = new(8, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30)) { HandleFailure = IsRetryable };

    /// <summary>
    /// False when the failure, or any failure it wraps (a host may wrap the activity's exception), is
    /// permanent. Never throws: Durable treats a throwing handler as "do not retry", and
    /// <see cref="TaskFailureDetails.IsCausedBy{T}"/> throws for a type name it finds in two loaded
    /// assemblies (System.Net.Sockets.SocketException, inside every connection reset).
    /// </summary>
    public static bool IsRetryable(TaskFailureDetails failure)
    {
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (IsPermanent(f))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPermanent(TaskFailureDetails failure)
    {
        if (failure.ErrorType?.EndsWith(nameof(PermanentDeliveryException), StringComparison.Ordinal) == true)
        {
            return true;
        }

        try
        {
            return failure.IsCausedBy<PermanentDeliveryException>();
        }
        catch (Exception)
        {
            return false;
        }
    }
}
