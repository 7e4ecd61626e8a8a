namespace Crm.Core.Cohorts;

/// <summary>B6: the event list sorts by next send time or by on/off, either direction.</summary>
public enum EventSort
{
    NextSendAt,
    Enabled,
}
