namespace Crm.Core.Delivery;

/// <summary>
/// What one of the provider's status codes means to the CRM: the state, a reason a person can read
/// (English, then the provider's Korean), whether a failure is refunded (D4) and whether it may be
/// followed by an SMS/LMS fallback (D5: the recipient could not get the Kakao message, but SMS works).
/// </summary>
public sealed record ProviderStatus(string Code, DeliveryState State, string Reason, bool Refundable, bool FallbackEligible);
