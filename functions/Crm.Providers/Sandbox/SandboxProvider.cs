using Crm.Core.Delivery;

namespace Crm.Providers.Sandbox;

/// <summary>
/// A provider that sends nothing and records everything, for the local host and the tests. Like
/// real Korean providers it honours the idempotency key: a repeated request gets the first
/// answer and is not recorded twice, so a retried activity cannot double-send (D9).
/// </summary>
public sealed class SandboxProvider(TimeProvider time) : IMessageProvider
{
    private readonly Lock _lock = new();
    private readonly List<SandboxMessage> _messages = [];
    private readonly Dictionary<string, IReadOnlyList<ProviderResult>> _answered = new(StringComparer.Ordinal);
    private SandboxRules _rules = new();
    private HashSet<string> _invalid = [];
    private HashSet<string> _notKakao = [];
    private int _transientLeft;
    private long _sequence;
    private long _calls;

    public SandboxRules Rules
    {
        get
        {
            lock (_lock)
            {
                return _rules;
            }
        }

        set
        {
            lock (_lock)
            {
                _rules = value;
                _invalid = value.InvalidNumbers.ToHashSet(StringComparer.Ordinal);
                _notKakao = value.NotKakaoUsers.ToHashSet(StringComparer.Ordinal);
                _transientLeft = value.TransientFailures;
            }
        }
    }

    /// <summary>Send calls received, repeats and transient failures included.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public Task<IReadOnlyList<ProviderResult>> SendAsync(ProviderSendRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (_lock)
        {
            if (_answered.TryGetValue(request.IdempotencyKey, out var earlier))
            {
                return Task.FromResult(earlier);
            }

            if (_transientLeft > 0)
            {
                _transientLeft--;
                throw new TransientProviderException("Sandbox: simulated provider outage (HTTP 503).");
            }

            var now = time.GetUtcNow();
            var results = new List<ProviderResult>(request.Messages.Count);
            foreach (var m in request.Messages)
            {
                var (code, reason) = Refusal(request.Channel, m.To);
                var id = $"sbx-{++_sequence:D9}";
                _messages.Add(new SandboxMessage(_sequence, request.TenantId, request.CampaignId, m.Reference, request.Channel, request.SenderNumber, m.To, request.Subject, m.Text, code is null, id, code, now));
                results.Add(new ProviderResult(m.Reference, code is null, id, code, reason));
            }

            _answered[request.IdempotencyKey] = results;
            return Task.FromResult<IReadOnlyList<ProviderResult>>(results);
        }
    }

    public IReadOnlyList<SandboxMessage> Messages(string? campaignId = null)
    {
        lock (_lock)
        {
            return campaignId is null ? _messages.ToList() : _messages.Where(m => m.CampaignId == campaignId).ToList();
        }
    }

    private (string? Code, string? Reason) Refusal(Channel channel, string to)
    {
        if (_invalid.Contains(to))
        {
            return ("INVALID_NUMBER", "The number is not in service.");
        }

        if (channel is Channel.AlimTalk or Channel.FriendTalk && _notKakao.Contains(to))
        {
            return ("3107", "The recipient cannot receive KakaoTalk messages (not a user, or blocked).");
        }

        return (null, null);
    }
}
