namespace Crm.Core.Credits;

public sealed record TopUpResult(bool Paid, CardPaymentResult Payment, Wallet Wallet);
