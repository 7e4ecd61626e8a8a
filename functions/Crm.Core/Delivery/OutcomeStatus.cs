namespace Crm.Core.Delivery;

public enum OutcomeStatus
{
    Sent,
    Failed,
}
