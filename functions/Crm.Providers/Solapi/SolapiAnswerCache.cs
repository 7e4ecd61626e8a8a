using Crm.Core.Delivery;

namespace Crm.Providers.Solapi;

/// <summary>
/// The answers of recently sent requests, by idempotency key and part. Solapi has no idempotency key,
/// so this is the adapter's own, in-process guard: a retried activity (the local runner, or Durable
/// when the retry lands on the same instance) gets the parts already accepted back instead of sending
/// them again, e.g. when part 2 of 3 failed with a 503, or when saving the outcomes failed after the
/// send. It cannot help when the retry runs in another process or after a restart.
/// </summary>
internal sealed class SolapiAnswerCache(TimeProvider time, int capacity = 64, TimeSpan? lifetime = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (IReadOnlyList<ProviderResult> Results, DateTimeOffset At)> _answers = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromHours(1);

    public bool TryGet(string key, out IReadOnlyList<ProviderResult> results)
    {
        lock (_lock)
        {
            if (_answers.TryGetValue(key, out var answer) && time.GetUtcNow() - answer.At < _lifetime)
            {
                results = answer.Results;
                return true;
            }

            results = [];
            return false;
        }
    }

    public void Add(string key, IReadOnlyList<ProviderResult> results)
    {
        lock (_lock)
        {
            if (!_answers.ContainsKey(key))
            {
                _order.Enqueue(key);
            }

            _answers[key] = (results, time.GetUtcNow());
            while (_order.Count > capacity)
            {
                _answers.Remove(_order.Dequeue());
            }
        }
    }
}
