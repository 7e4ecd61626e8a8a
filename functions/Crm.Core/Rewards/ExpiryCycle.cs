namespace Crm.Core.Rewards;

public enum ExpiryCycle
{
    /// <summary>Every month on a day (the last day when the month is shorter).</summary>
    Monthly,

    /// <summary>Every week on a weekday.</summary>
    Weekly,
}
