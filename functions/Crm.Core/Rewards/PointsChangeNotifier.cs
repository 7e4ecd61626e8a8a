using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Rewards;

/// <summary>
/// R2: every few seconds (PointsChangeNoticeSchedule), the changes recorded since the last tick
/// become AlimTalk campaigns, never one workflow per notice. Every change gets a notice of its own
/// with its amount and the balance it left: a grant and a deduction in one tick are two notices,
/// never their net, which did not happen. A campaign reaches a phone once (D9), so a tick's first
/// change of each customer goes in one campaign, the second changes in another, and so on.
/// </summary>
public sealed partial class PointsChangeNotifier(
    ITenantStore tenants,
    IPointsPolicyStore policies,
    IChangeNoticeQueue queue,
    ICustomerStore customers,
    CampaignService campaigns,
    ILogger<PointsChangeNotifier> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var pending = await queue.ListAsync(cancellationToken);
        var sent = 0;
        foreach (var byTenant in pending.GroupBy(p => p.TenantId))
        {
            var notices = byTenant.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            var tenant = await tenants.GetAsync(byTenant.Key, cancellationToken);
            var policy = (await policies.GetAsync(byTenant.Key, cancellationToken))?.Policy;
            if (tenant is not null && policy is { ChangeNotices: true, ChangeNoticeTemplate: { } template })
            {
                var byPhone = notices.GroupBy(n => n.Phone).ToList();
                var names = (await customers.GetManyAsync(tenant.TenantId, [.. byPhone.Select(p => p.Key)], cancellationToken)).ToDictionary(c => c.Phone, c => c.Name, StringComparer.Ordinal);

                // Round r holds each customer's r-th change of the tick, in the order they happened.
                var rounds = byPhone
                    .SelectMany(changes => changes.Select((notice, round) => (notice, round)))
                    .GroupBy(n => n.round, n => n.notice)
                    .OrderBy(r => r.Key);
                foreach (var round in rounds)
                {
                    var inRound = round.OrderBy(n => n.Key, StringComparer.Ordinal).ToList();
                    var recipients = inRound.Select(n => new RecipientSubmission(n.Phone, new Dictionary<string, string>
                    {
                        ["name"] = names.GetValueOrDefault(n.Phone) ?? "고객",
                        ["change"] = PointsNotices.Won(Math.Abs(n.Change)),
                        ["reason"] = n.Reason == PointsReason.Expired ? "소멸" : n.Change < 0 ? "사용" : "적립",
                        ["balance"] = PointsNotices.Won(n.Balance),
                    })).ToList();

                    // The id derives from the round's first and last change: a retried tick registers nothing new.
                    var id = CampaignIds.ForRun($"{tenant.TenantId}:points-change:{inRound[0].Key}:{inRound[^1].Key}", inRound.Count, inRound[0].At);
                    await campaigns.SubmitOnceAsync(tenant, PointsNotices.Campaign(tenant, template, PointsNotices.ChangeText, recipients), id, cancellationToken);
                    sent += recipients.Count;
                }

                LogSent(logger, tenant.TenantId, byPhone.Count, notices.Count);
            }

            await queue.RemoveAsync(notices, cancellationToken);
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Points change notices for {TenantId}: {Changes} changes announced to {Recipients} customers")]
    private static partial void LogSent(ILogger logger, string tenantId, int recipients, int changes);
}
