namespace Crm.Core.Cohorts;

/// <summary>B7: the campaign in the external messaging tool (seed 003's 에픽 캠페인) that sends a linked event's runs: its id and its exact name.</summary>
public sealed record ExternalCampaignLink(string? Id, string? Name);
