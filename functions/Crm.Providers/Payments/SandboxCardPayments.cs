using System.Collections.Concurrent;
using Crm.Core.Credits;

namespace Crm.Providers.Payments;

/// <summary>
/// A card gateway that moves no money, for the local host and the tests: approves every card
/// except tokens starting with "decline", and like a real gateway answers a repeated idempotency
/// key with the first result instead of charging again.
/// </summary>
public sealed class SandboxCardPayments : ICardPayments
{
    private readonly ConcurrentDictionary<string, CardPaymentResult> _results = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<CardCharge> _charges = new();
    private long _sequence;

    /// <summary>Charges actually made (repeats excluded).</summary>
    public IReadOnlyList<CardCharge> Charges => _charges.ToList();

    public Task<CardPaymentResult> ChargeAsync(CardCharge charge, CancellationToken cancellationToken) =>
        Task.FromResult(_results.GetOrAdd(charge.IdempotencyKey, _ =>
        {
            if (charge.CardToken.StartsWith("decline", StringComparison.OrdinalIgnoreCase))
            {
                return CardPaymentResult.Decline("CARD_DECLINED", "The issuer declined the card (sandbox).");
            }

            _charges.Enqueue(charge);
            return CardPaymentResult.Approve($"pay-{Interlocked.Increment(ref _sequence):D8}");
        }));
}
