namespace Crm.Core.Delivery;

/// <summary>The provider could not take the request now (timeout, throttling, 5xx); retrying may succeed.</summary>
public sealed class TransientProviderException(string message, Exception? inner = null) : Exception(message, inner);
