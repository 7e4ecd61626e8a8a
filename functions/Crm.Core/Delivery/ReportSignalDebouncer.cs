namespace Crm.Core.Delivery;

/// <summary>
/// A provider may call the webhook once per message: 1,000 calls for a batch. The first call for a
/// group enqueues one signal that becomes visible after <see cref="Delay"/>; calls for that group
/// until then add nothing, as the delayed signal reads the group after they arrived. Per process:
/// several instances each send their own, which is harmless.
/// </summary>
public sealed class ReportSignalDebouncer(TimeProvider time)
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>True when a signal for this group should be enqueued now (with <see cref="Delay"/>).</summary>
    public bool ShouldSignal(string groupId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_pending.TryGetValue(groupId, out var until) && until > now)
            {
                return false;
            }

            if (_pending.Count > 10_000)
            {
                foreach (var expired in _pending.Where(p => p.Value <= now).Select(p => p.Key).ToList())
                {
                    _pending.Remove(expired);
                }
            }

            _pending[groupId] = now + Delay;
            return true;
        }
    }

    /// <summary>The signal could not be enqueued: the provider's retry of this call must not be debounced away.</summary>
    public void Forget(string groupId)
    {
        lock (_lock)
        {
            _pending.Remove(groupId);
        }
    }
}
