using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Core.Functions;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Campaigns;

public sealed class DispatchCampaign(CampaignDispatcher dispatcher)
{
    // The message is read as text with Core's JSON options, exactly as Crm.Local reads it.
    [Function(FunctionCatalog.DispatchCampaign)]
    public Task Run([QueueTrigger(QueueNames.CampaignDispatch, Connection = SettingNames.Storage)] string message, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(CrmJson.Read<DispatchRequest>(message), cancellationToken);
}
