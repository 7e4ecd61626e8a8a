namespace Crm.Core.Credits;

/// <summary>An approved payment, or a decline with the issuer's reason; declines are outcomes, not errors.</summary>
public sealed record CardPaymentResult(bool Approved, string? PaymentId, string? DeclineCode, string? DeclineReason)
{
    public static CardPaymentResult Approve(string paymentId) => new(true, paymentId, null, null);

    public static CardPaymentResult Decline(string code, string reason) => new(false, null, code, reason);
}
