using Crm.Core.Delivery;

namespace Crm.Core.Credits;

/// <summary>Credits per message by channel and message type (W1); these defaults apply unless a tenant sets its own.</summary>
public sealed record PriceTable(IReadOnlyDictionary<string, int> Credits)
{
    /// <summary>The highest price a tenant may set for one message: keeps recipients × price far from overflowing.</summary>
    public const int MaxPrice = 1_000;

    public static PriceTable Default { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["sms"] = 1,
        ["lms"] = 3,
        ["mms"] = 6,
        ["alimTalk"] = 1,
        ["friendTalk.text"] = 1,
        ["friendTalk.image"] = 2,
        ["friendTalk.wide"] = 3,
        ["friendTalk.carousel"] = 3,
        ["appPush"] = 0,
        ["whatsApp"] = 1,
    });

    public static string Key(Channel channel, FriendTalkType? type = null) => channel switch
    {
        Channel.FriendTalk => $"friendTalk.{(type ?? FriendTalkType.Text).ToString().ToLowerInvariant()}",
        _ => char.ToLowerInvariant(channel.ToString()[0]) + channel.ToString()[1..],
    };

    public int PriceOf(Channel channel, FriendTalkType? type = null) =>
        Credits.TryGetValue(Key(channel, type), out var price) || Default.Credits.TryGetValue(Key(channel, type), out price)
            ? price
            : throw new InvalidOperationException($"No price for {Key(channel, type)}.");
}
