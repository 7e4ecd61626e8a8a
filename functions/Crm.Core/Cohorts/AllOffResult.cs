namespace Crm.Core.Cohorts;

/// <summary>
/// The answer of "all off" (B5): before confirmation, how many events are on and the token that
/// confirms switching them off; after it, how many were switched off and how many of their
/// registered runs were cancelled before sending.
/// </summary>
public sealed record AllOffResult(bool Confirmed, int EventsOn, string? ConfirmationToken = null, int SwitchedOff = 0, int CampaignsCancelled = 0);
