namespace Crm.Core.Credits;

/// <summary>Card payments for top-ups (W4): a Korean PG in Azure, the sandbox card locally.</summary>
public interface ICardPayments
{
    Task<CardPaymentResult> ChargeAsync(CardCharge charge, CancellationToken cancellationToken);
}
