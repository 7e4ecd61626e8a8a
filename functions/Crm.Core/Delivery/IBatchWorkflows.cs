namespace Crm.Core.Delivery;

/// <summary>
/// The batches' delivery workflows as the engine keeps them (Durable Functions in Azure, the Durable
/// Task Framework in Crm.Local): one instance per batch, its id the batch id.
/// </summary>
public interface IBatchWorkflows
{
    /// <summary>The external event a waiting workflow takes its delivery reports on.</summary>
    public const string ReportsEvent = "DeliveryReports";

    /// <summary>
    /// Starts the batch's workflow unless an instance with its id exists, in any state: a
    /// redelivered message must never restart a finished batch (D9). False when one existed.
    /// </summary>
    Task<bool> StartAsync(BatchRef batch, CancellationToken cancellationToken);

    /// <summary>Wakes the batch's workflow to take in its delivery reports (nothing happens when it is not waiting for them).</summary>
    Task RaiseReportsAsync(BatchRef batch, CancellationToken cancellationToken);

    /// <summary>The batch's workflow as the engine last recorded it; null when there is none.</summary>
    Task<BatchWorkflowState?> GetAsync(BatchRef batch, CancellationToken cancellationToken);
}
