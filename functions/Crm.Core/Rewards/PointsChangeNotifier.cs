using Crm.Core.Audiences;
using Crm.Core.Campaigns;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Rewards;

/// <summary>
/// R2: every few seconds (PointsChangeNoticeSchedule), the changes recorded since the last tick
/// become one AlimTalk campaign per tenant: never one workflow per notice. A customer with several
/// changes in one tick gets one notice with the net change and the latest balance.
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
                var recipients = new List<RecipientSubmission>();
                var byPhones = notices.GroupBy(n => n.Phone).ToList();
                var names = (await customers.GetManyAsync(tenant.TenantId, [.. byPhones.Select(p => p.Key)], cancellationToken)).ToDictionary(c => c.Phone, c => c.Name, StringComparer.Ordinal);
                foreach (var byPhone in byPhones)
                {
                    var change = byPhone.Sum(n => n.Change);
                    var name = names.GetValueOrDefault(byPhone.Key) ?? "고객";
                    recipients.Add(new RecipientSubmission(byPhone.Key, new Dictionary<string, string>
                    {
                        ["name"] = name,
                        ["change"] = PointsNotices.Won(Math.Abs(change)),
                        ["reason"] = change >= 0 ? "적립" : (byPhone.All(n => n.Reason == PointsReason.Expired) ? "소멸" : "사용"),
                        ["balance"] = PointsNotices.Won(byPhone.Last().Balance),
                    }));
                }

                // The id derives from the first and last change of the batch: a retried tick registers nothing new.
                var id = CampaignIds.ForRun($"{tenant.TenantId}:points-change:{notices[0].Key}:{notices[^1].Key}", notices.Count, notices[0].At);
                await campaigns.SubmitOnceAsync(tenant, PointsNotices.Campaign(tenant, template, PointsNotices.ChangeText, recipients), id, cancellationToken);
                sent += recipients.Count;
                LogSent(logger, tenant.TenantId, recipients.Count, notices.Count);
            }

            await queue.RemoveAsync(notices, cancellationToken);
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Points change notices for {TenantId}: {Recipients} customers for {Changes} changes")]
    private static partial void LogSent(ILogger logger, string tenantId, int recipients, int changes);
}
