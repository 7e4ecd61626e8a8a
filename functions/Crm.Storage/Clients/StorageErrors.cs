using Azure;

namespace Crm.Storage.Clients;

/// <summary>The storage answers the CRM treats as outcomes rather than faults.</summary>
public static class StorageErrors
{
    /// <summary>An insert found the row already there: a replayed operation.</summary>
    public static bool IsAlreadyExists(RequestFailedException ex) => ex.Status == 409;

    /// <summary>Someone changed the entity since we read it (ETag mismatch).</summary>
    public static bool IsConcurrencyConflict(RequestFailedException ex) => ex.Status == 412;

    public static bool IsNotFound(RequestFailedException ex) => ex.Status == 404;

    /// <summary>
    /// Storage could not be reached or could not serve (no answer, 408, 429, 5xx), after the SDK's
    /// own retries (which wrap their failures in an <see cref="AggregateException"/>): worth trying
    /// again later, unlike an answer about the request itself (400, 404, 409, 412).
    /// </summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnavailable),
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or IOException or TimeoutException => true,
        _ => false,
    };
}
