using System.Text.Json;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Functions.Campaigns;

public sealed class DispatchCampaign(CampaignDispatcher dispatcher)
{
    // The message is read as text with Core's JSON options, exactly as Crm.Local reads it.
    [Function("DispatchCampaign")]
    public Task Run([QueueTrigger("campaign-dispatch", Connection = "Storage")] string message, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(JsonSerializer.Deserialize<DispatchRequest>(message, CrmJson.Options)!, cancellationToken);
}
