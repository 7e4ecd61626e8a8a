namespace Crm.Core.Cohorts;

/// <summary>The external messaging tool (B7): a linked event's runs go there instead of to our providers.</summary>
public interface IExternalCampaigns
{
    /// <summary>Hands over one run's recipients; a run handed over twice (a retried sweep) carries the same run id.</summary>
    Task SendRunAsync(ExternalCampaignRun run, CancellationToken cancellationToken);
}
