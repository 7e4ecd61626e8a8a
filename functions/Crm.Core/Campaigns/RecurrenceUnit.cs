namespace Crm.Core.Campaigns;

public enum RecurrenceUnit
{
    Day,
    Week,
    Month,
}
