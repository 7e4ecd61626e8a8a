using Crm.Core.Common;
using Crm.Core.Delivery;

namespace Crm.Core.Campaigns;

public interface ICampaignStore
{
    /// <summary>
    /// Stores a new campaign with its audience (in chunks of <see cref="Batch.Size"/>) and its
    /// due-index entry; the due entry is written first so a crash never strands a campaign.
    /// </summary>
    Task CreateAsync(Campaign campaign, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken);

    /// <summary>
    /// Stores one run of a recurring series: the series' audience copied to the run, its due entry,
    /// then the run itself. Creating the same run again changes nothing.
    /// </summary>
    Task CreateRunAsync(Campaign run, CancellationToken cancellationToken);

    Task<Campaign?> GetAsync(string tenantId, string campaignId, CancellationToken cancellationToken);

    /// <summary>Saves status and counters if nobody changed the campaign since it was read; false on a conflict.</summary>
    Task<bool> TryUpdateAsync(Campaign campaign, CancellationToken cancellationToken);

    /// <summary>The audience as submitted, in order, a chunk at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<Recipient>> ReadRecipientsAsync(string tenantId, string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds one batch's outcome counts to the campaign exactly once: the batch's completion marker
    /// and the counters commit together, so a replayed completion changes nothing.
    /// </summary>
    Task<Campaign> ApplyBatchCompletionAsync(BatchCompletion completion, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Moves the campaign's counters for one late failure exactly once (its marker commits with them).</summary>
    Task ApplyLateFailureAsync(LateFailure failure, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A page of the tenant's campaigns in registration order.</summary>
    Task<ResultPage<Campaign>> ListAsync(string tenantId, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Campaigns whose send time has come and that are not dispatched yet.</summary>
    Task<IReadOnlyList<DueCampaign>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task AddDueAsync(DueCampaign due, CancellationToken cancellationToken);

    Task RemoveDueAsync(DueCampaign due, CancellationToken cancellationToken);

    /// <summary>The batch numbers whose completion was applied (their markers), in one range read of the campaign.</summary>
    Task<IReadOnlySet<int>> ListCompletedBatchesAsync(string tenantId, string campaignId, CancellationToken cancellationToken);

    Task AddCheckAsync(CampaignCheck check, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> checks whose time has come, oldest first, of every tenant or of one:
    /// one range read of one partition.
    /// </summary>
    Task<IReadOnlyList<CampaignCheck>> ListChecksAsync(DateTimeOffset now, int max, string? tenantId, CancellationToken cancellationToken);

    Task RemoveCheckAsync(CampaignCheck check, CancellationToken cancellationToken);
}
