using Azure.Core;
using Azure.Core.Pipeline;

namespace Crm.Storage.Clients;

/// <summary>Placed per retry in each storage client's pipeline, so every attempt is counted.</summary>
internal sealed class CountingPolicy(RequestCounter counter, string service) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Count(service, message.Request);
}
