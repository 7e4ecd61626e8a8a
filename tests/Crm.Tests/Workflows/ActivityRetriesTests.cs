using System.Net.Sockets;
using Crm.Core.Delivery;
using Crm.Providers.Solapi;
using Crm.Workflows;
using Microsoft.DurableTask;

namespace Crm.Tests.Workflows;

/// <summary>Which activity failures the workflow's retry policies retry: all but permanent ones, judged without ever throwing.</summary>
public sealed class ActivityRetriesTests
{
    private static TaskFailureDetails Failure(Exception ex) => TaskFailureDetails.FromException(ex);

    [Fact]
    public void A_provider_timeout_is_retried_even_when_it_wraps_a_socket_error_whose_type_name_is_ambiguous()
    {
        // A connection reset: TransientProviderException ⟵ HttpRequestException ⟵ IOException ⟵ SocketException.
        var reset = new TransientProviderException("Solapi could not be reached",
            new HttpRequestException("An error occurred while sending the request.", new IOException("reset", new SocketException(104))));

        Assert.True(ActivityRetries.IsRetryable(Failure(reset)));

        // As the framework calls the policy: a throwing handler would mean "do not retry".
        var failed = new global::DurableTask.Core.Exceptions.TaskFailedException(0, 1, "PrepareSend", "", reset.Message, reset) { FailureDetails = new global::DurableTask.Core.FailureDetails(reset) };
        Assert.True(ActivityRetries.Send.Handle(failed));
    }

    [Fact]
    public void Permanent_failures_are_not_retried_also_as_a_subclass_in_another_assembly_and_when_wrapped()
    {
        Assert.False(ActivityRetries.IsRetryable(Failure(new PermanentDeliveryException("Campaign c1 of batch c1-00001 does not exist."))));
        Assert.False(ActivityRetries.IsRetryable(Failure(new SolapiRequestRejectedException(403, "InvalidAPIKey", "unknown key"))));
        Assert.False(ActivityRetries.IsRetryable(Failure(new InvalidOperationException("host wrapper", new SolapiRequestRejectedException(400, "ValidationError", "bad")))));
        Assert.True(ActivityRetries.IsRetryable(Failure(new InvalidOperationException("storage throttled (503)"))));
    }
}
