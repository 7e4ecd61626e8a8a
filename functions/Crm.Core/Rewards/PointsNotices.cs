using System.Globalization;
using Crm.Core.Campaigns;
using Crm.Core.Delivery;
using Crm.Core.Tenants;

namespace Crm.Core.Rewards;

/// <summary>
/// The AlimTalk texts of points notices (R2, R4). The tenant registers templates with exactly these
/// texts with Kakao and gives their codes in the policy; each notice run is one campaign, so the
/// notices go through the normal batches, credits, refunds and SMS fallback.
/// </summary>
public static class PointsNotices
{
    public const string ExpiryText = "[적립금 소멸 안내] #{name}님, 보유하신 적립금 중 #{amount}원이 #{date}에 소멸될 예정입니다. 소멸된 적립금은 복구되지 않습니다.";
    public const string ChangeText = "[적립금 변동 안내] #{name}님, 적립금 #{change}원이 #{reason}되었습니다. 현재 적립금은 #{balance}원입니다.";

    public static CampaignSubmission Campaign(Tenant tenant, string templateCode, string content, IReadOnlyList<RecipientSubmission> recipients) => new()
    {
        Channel = Channel.AlimTalk,
        Kind = CampaignKind.Informational,
        SenderNumber = tenant.SenderNumbers.Order(StringComparer.Ordinal).FirstOrDefault(),
        TemplateCode = templateCode,
        Content = content,
        Recipients = recipients,
    };

    public static string Won(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture);
}
