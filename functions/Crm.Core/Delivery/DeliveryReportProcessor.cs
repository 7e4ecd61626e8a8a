using Microsoft.Extensions.Logging;

namespace Crm.Core.Delivery;

/// <summary>
/// The delivery-reports queue: a signal for a step still inside its report window wakes the batch's
/// workflow, which reads the group; after the window it is a late report, taken in here (refunded on
/// its own, no fallback). A signal naming a group that is not the step's own is dropped.
/// </summary>
public sealed partial class DeliveryReportProcessor(IOutcomeStore outcomes, DeliveryActivities delivery, ILogger<DeliveryReportProcessor> logger)
{
    public async Task ProcessAsync(DeliveryReportSignal signal, IBatchWorkflows workflows, CancellationToken cancellationToken)
    {
        var step = (await outcomes.GetAsync(signal.Step.Batch, cancellationToken)).Step(signal.Step.Step);
        if (step.GroupId != signal.GroupId)
        {
            LogUnknownGroup(logger, signal.GroupId, signal.Step.Label);
            return;
        }

        if (!step.WindowClosed)
        {
            await workflows.RaiseReportsAsync(signal.Step.Batch, cancellationToken);
            return;
        }

        await delivery.ApplyLateReportsAsync(signal.Step, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery report named group {GroupId} for {Step}, which is not that step's group: ignored")]
    private static partial void LogUnknownGroup(ILogger logger, string groupId, string step);
}
