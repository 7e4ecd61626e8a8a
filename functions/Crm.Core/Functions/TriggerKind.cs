namespace Crm.Core.Functions;

public enum TriggerKind
{
    Http,
    Queue,
    Timer,
    Orchestration,
    Activity,
}
