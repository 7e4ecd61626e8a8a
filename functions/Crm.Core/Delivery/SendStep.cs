namespace Crm.Core.Delivery;

/// <summary>The two sends of a batch: on its own channel, then the SMS/LMS fallback for its failures (D5).</summary>
public enum SendStep
{
    Send,
    Fallback,
}
