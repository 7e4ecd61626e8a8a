namespace Crm.Core.Delivery;

public enum Channel
{
    Sms,
    Lms,
    Mms,
    AlimTalk,
    FriendTalk,
    AppPush,
    WhatsApp,
}
