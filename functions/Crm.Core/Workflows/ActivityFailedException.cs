namespace Crm.Core.Workflows;

/// <summary>An activity failed on every attempt its retry policy allowed.</summary>
public sealed class ActivityFailedException(string activityName, string reason, Exception? inner = null)
    : Exception($"Activity {activityName} failed: {reason}", inner)
{
    public string ActivityName { get; } = activityName;

    public string Reason { get; } = reason;
}
