namespace Crm.Core.Delivery;

/// <summary>
/// A delivery step failed in a way that retrying cannot mend (a batch whose campaign is gone, a
/// request the provider refuses as such): the workflow's retry policy stops at the first attempt.
/// Every other failure (storage throttling, a provider timeout) is retried.
/// </summary>
public class PermanentDeliveryException(string message, Exception? inner = null) : Exception(message, inner);
