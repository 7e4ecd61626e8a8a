using Crm.Core.Campaigns;

namespace Crm.Core.Cohorts;

/// <summary>
/// One run of a linked event (B7) as the external tool receives it: the audience evaluated at send
/// time, with the same #{variables} as our own sends. <see cref="RunId"/> is stable per event and
/// run, so a repeated hand-over is recognisable as the same run.
/// </summary>
public sealed record ExternalCampaignRun(
    string TenantId, string EventId, int Run, string RunId, string ExternalCampaignId, string ExternalCampaignName, DateTimeOffset SendAt, IReadOnlyList<Recipient> Recipients);
