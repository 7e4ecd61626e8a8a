namespace Crm.Core.Delivery;

/// <summary>A provider's answer for one message: accepted, or refused with its code and reason.</summary>
public sealed record ProviderResult(string Reference, bool Accepted, string? ProviderMessageId, string? FailureCode, string? FailureReason);
