namespace Crm.Core.Delivery;

/// <summary>FriendTalk (brand message) formats; wide and carousel have no SMS fallback (D6).</summary>
public enum FriendTalkType
{
    Text,
    Image,
    Wide,
    Carousel,
}
