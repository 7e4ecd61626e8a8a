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
}
