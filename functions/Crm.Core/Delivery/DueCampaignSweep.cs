using Crm.Core.Campaigns;
using Crm.Core.Functions;

namespace Crm.Core.Delivery;

/// <summary>
/// The every-minute timer (O1): queues a dispatch for each campaign whose time has come. It also
/// recovers a now-campaign whose dispatch message was lost, since its due entry stays until dispatched.
/// </summary>
public sealed class DueCampaignSweep(ICampaignStore campaigns, IMessageQueue queue, TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var due = await campaigns.ListDueAsync(time.GetUtcNow(), cancellationToken);
        foreach (var campaign in due)
        {
            await queue.EnqueueAsync(QueueNames.CampaignDispatch, new DispatchRequest(campaign.TenantId, campaign.CampaignId), cancellationToken);
        }

        return due.Count;
    }
}
