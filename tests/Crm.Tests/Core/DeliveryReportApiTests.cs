using System.Text;
using Crm.Core.Api;
using Crm.Core.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace Crm.Tests.Core;

/// <summary>The report webhook's debouncing: one signal per group per moment, and none lost when the queue fails.</summary>
public sealed class DeliveryReportApiTests
{
    private const string Secret = "s3cret-report-address";
    private static readonly BatchStep Step = new(new BatchRef("shop", "0123456789abcdef0123456789abcdef", 1), SendStep.Send);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_for_one_group_enqueue_one_signal_and_a_failed_enqueue_leaves_the_providers_retry_its_own_signal()
    {
        var queue = new RecordingQueue();
        var api = new DeliveryReportApi(new DeliveryReportOptions { Secret = Secret }, queue, new ReportSignalDebouncer(new FakeTimeProvider(DateTimeOffset.UtcNow)));

        Assert.Equal(200, (await api.ReceiveAsync(Report("G1", 0), Ct)).StatusCode);
        Assert.Equal(200, (await api.ReceiveAsync(Report("G1", 1), Ct)).StatusCode); // debounced: the first signal reads the group after both
        Assert.Single(queue.Signals);

        queue.FailNext = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => api.ReceiveAsync(Report("G2", 0), Ct)); // the host answers 500; Solapi retries
        Assert.Equal(200, (await api.ReceiveAsync(Report("G2", 0), Ct)).StatusCode);

        Assert.Equal([new DeliveryReportSignal(Step, "G1"), new DeliveryReportSignal(Step, "G2")], queue.Signals);
    }

    private static ApiRequest Report(string groupId, int index) => new(
        new Dictionary<string, string> { ["secret"] = Secret },
        new MemoryStream(Encoding.UTF8.GetBytes($$$"""[{"groupId":"{{{groupId}}}","statusCode":"4000","customFields":{"crm":"{{{Step.Reference(index)}}}"}}]""")));

    private sealed class RecordingQueue : IMessageQueue
    {
        public List<DeliveryReportSignal> Signals { get; } = [];

        public bool FailNext { get; set; }

        public Task EnqueueAsync<T>(string queueName, T message, CancellationToken cancellationToken) => EnqueueAsync(queueName, message, TimeSpan.Zero, cancellationToken);

        public Task EnqueueAsync<T>(string queueName, T message, TimeSpan delay, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("Simulated: the queue could not be reached.");
            }

            Signals.Add((DeliveryReportSignal)(object)message!);
            return Task.CompletedTask;
        }
    }
}
