namespace Crm.Core.Campaigns;

/// <summary>C4: advertising is not sent at night to recipients without separate night consent.</summary>
public enum NightPolicy
{
    /// <summary>Dispatch waits until 08:00 (tenant time); everyone gets it then.</summary>
    Hold,

    /// <summary>Send now to those with night consent; the rest are recorded as skipped.</summary>
    Skip,
}
