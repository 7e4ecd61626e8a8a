using Crm.Core.Delivery;
using Crm.Providers.Solapi;

namespace Crm.Providers.Sandbox;

/// <summary>
/// A provider that sends nothing and behaves like Solapi's message groups: a group is created, filled
/// and sent once (a repeated send finds it sent and only reads it), kept in Table Storage so a repeat
/// is visible across restarts. Each message is registered (2000) when sent and gets its final status
/// (4000, or the failure the rules give it, with Solapi's codes) <see cref="SandboxOptions.ReportDelay"/>
/// later: from then on reading the group shows it, and the <see cref="SandboxReporter"/> calls the
/// report webhook with it. A discarded group is never sent. Rules make it fail, lose answers and report late, twice or never.
/// </summary>
public sealed class SandboxProvider(SandboxStore store, SandboxReporter reporter, SandboxOptions options, TimeProvider time) : IMessageProvider
{
    private readonly Lock _lock = new();
    private SandboxRules _rules = new();
    private HashSet<string> _invalid = [];
    private HashSet<string> _notKakao = [];
    private HashSet<string> _late = [];
    private HashSet<string> _uncalled = [];
    private int _transientLeft;
    private int _lostLeft;
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
                _late = value.LateReports.ToHashSet(StringComparer.Ordinal);
                _uncalled = value.UncalledReports.ToHashSet(StringComparer.Ordinal);
                _transientLeft = value.TransientFailures;
                _lostLeft = value.LostAnswers;
            }
        }
    }

    /// <summary>Provider calls received (create, send, read, discard), repeats and failures included.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public async Task<string> CreateGroupAsync(string label, CancellationToken cancellationToken)
    {
        Call();
        var step = BatchStep.FromReference(label + "/0000")?.Step ?? throw new ArgumentException($"Not a batch step label: {label}", nameof(label));
        var group = new SandboxGroup(SandboxGroup.NewId(step.Batch.CampaignId), step.Batch.TenantId, step.Batch.CampaignId, label, false, []);
        await store.CreateAsync(group, cancellationToken);
        return group.GroupId;
    }

    public async Task<ProviderGroup> SendGroupAsync(string groupId, ProviderSendRequest request, CancellationToken cancellationToken)
    {
        Call();
        while (true)
        {
            var group = await store.GetAsync(groupId, cancellationToken) ?? throw new PermanentDeliveryException($"Sandbox: group {groupId} does not exist.");
            if (group.Sent || group.Discarded)
            {
                return State(group);
            }

            var now = time.GetUtcNow();
            var held = group.Messages.Select(m => m.Reference).ToHashSet(StringComparer.Ordinal);
            var added = request.Messages.Where(m => held.Add(m.Reference)).Select(m => Take(group, request, m, now)).ToList();
            var sent = group with { Sent = true, Messages = [.. group.Messages, .. added] };
            if (!await store.TryUpdateAsync(sent, cancellationToken))
            {
                continue;
            }

            bool duplicate, off, lose;
            HashSet<string> uncalled;
            lock (_lock)
            {
                (duplicate, off, uncalled) = (_rules.DuplicateCallbacks, _rules.CallbacksOff, _uncalled);
                lose = _lostLeft > 0 && _lostLeft-- > 0;
            }

            if (!off)
            {
                reporter.Schedule(sent.Messages.Where(m => !uncalled.Contains(m.To)).ToList(), duplicate);
            }

            return lose ? throw new TransientProviderException("Sandbox: the group was sent, then the answer was lost (timeout).") : State(sent);
        }
    }

    public async Task<ProviderGroup> ReadGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        Call();
        var group = await store.GetAsync(groupId, cancellationToken) ?? throw new PermanentDeliveryException($"Sandbox: group {groupId} does not exist.");
        return State(group);
    }

    public async Task<ProviderGroup> DiscardGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        Call();
        while (true)
        {
            var group = await store.GetAsync(groupId, cancellationToken) ?? throw new PermanentDeliveryException($"Sandbox: group {groupId} does not exist.");
            if (group.Sent || group.Discarded || await store.TryUpdateAsync(group with { Discarded = true }, cancellationToken))
            {
                return State(group with { Discarded = !group.Sent });
            }
        }
    }

    /// <summary>The sandbox takes every channel and format the CRM accepts.</summary>
    public string? Refuses(Channel channel, FriendTalkType? friendTalkType) => null;

    /// <summary>What the sandbox "sent" for a campaign, each message as it stands now.</summary>
    public async Task<IReadOnlyList<SandboxMessage>> MessagesAsync(string campaignId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await store.ListAsync(campaignId, cancellationToken)).Where(g => g.Sent).SelectMany(g => g.Messages).Select(m => m.At(now)).ToList();
    }

    private void Call()
    {
        Interlocked.Increment(ref _calls);
        lock (_lock)
        {
            if (_transientLeft > 0)
            {
                _transientLeft--;
                throw new TransientProviderException("Sandbox: simulated provider outage (HTTP 503).");
            }
        }
    }

    private ProviderGroup State(SandboxGroup group)
    {
        var now = time.GetUtcNow();
        return new ProviderGroup(group.GroupId, group.Sent, group.Messages.Select(m => m.At(now))
            .Select(m => new ProviderMessageState(m.Reference, m.To, m.ProviderMessageId, SolapiStatusCodes.Of(m.StatusCode))).ToList());
    }

    private SandboxMessage Take(SandboxGroup group, ProviderSendRequest request, ProviderMessage message, DateTimeOffset now)
    {
        var channel = message.Channel ?? request.Channel;
        string code;
        var reportAt = now + options.ReportDelay;
        lock (_lock)
        {
            // Kakao fails first for a number it cannot reach; a carrier only sees SMS/LMS/MMS.
            code = channel is Channel.AlimTalk or Channel.FriendTalk && _notKakao.Contains(message.To) ? "3107"
                : _invalid.Contains(message.To) ? "3032"
                : "4000";
            if (_late.Contains(message.To))
            {
                reportAt += _rules.LateReportDelay;
            }
        }

        return new SandboxMessage(group.TenantId, group.CampaignId, group.GroupId, message.Reference, channel, request.SenderNumber, message.To, request.Subject, message.Text,
            $"SBX{Guid.NewGuid():N}", code, now, reportAt);
    }
}
