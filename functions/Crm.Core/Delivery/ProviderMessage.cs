namespace Crm.Core.Delivery;

/// <summary>
/// One rendered message for one recipient; <see cref="Reference"/> (≤ 100 characters) comes back
/// with its state and in the provider's reports. <see cref="Channel"/> overrides the request's
/// (a fallback group mixes SMS and LMS).
/// </summary>
public sealed record ProviderMessage(string Reference, string To, string Text, Channel? Channel = null);
