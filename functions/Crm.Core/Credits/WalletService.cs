using Crm.Core.Common;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Credits;

/// <summary>
/// Paying for sends from the wallet (W1–W4): charges and refunds exactly once by operation id,
/// top-ups by card, and the automatic top-up, run by one caller at a time under a lease.
/// </summary>
public sealed partial class WalletService(IWalletStore wallets, ICardPayments payments, TimeProvider time, ILogger<WalletService> logger)
{
    /// <summary>How long one auto top-up may hold the wallet's lease before another caller may take over.</summary>
    public static readonly TimeSpan TopUpLease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(50);

    public Task<Wallet> GetAsync(string tenantId, CancellationToken cancellationToken) => wallets.GetAsync(tenantId, cancellationToken);

    public Task<IReadOnlyList<LedgerEntry>> ListLedgerAsync(string tenantId, long afterSequence, int limit, CancellationToken cancellationToken) =>
        wallets.ListLedgerAsync(tenantId, afterSequence, limit, cancellationToken);

    public Task<bool> HasOperationAsync(string tenantId, string operationId, CancellationToken cancellationToken) =>
        wallets.HasOperationAsync(tenantId, operationId, cancellationToken);

    /// <summary>
    /// Charges <paramref name="credits"/> once for <paramref name="operationId"/>. When the balance
    /// cannot pay, makes one auto top-up attempt (W3) and tries again; false means "insufficient credits".
    /// </summary>
    public async Task<bool> ChargeAsync(string tenantId, string operationId, long credits, string reference, CancellationToken cancellationToken)
    {
        if (credits == 0)
        {
            return true;
        }

        var result = await wallets.ApplyAsync(tenantId, WalletOperation.Charge(operationId, credits, reference), time.GetUtcNow(), cancellationToken);
        if (result.Outcome == WalletOutcome.InsufficientCredits && result.Wallet.AutoTopUp.CanRun)
        {
            await AutoTopUpAsync(tenantId, credits, cancellationToken);
            result = await wallets.ApplyAsync(tenantId, WalletOperation.Charge(operationId, credits, reference), time.GetUtcNow(), cancellationToken);
        }

        if (result.Outcome == WalletOutcome.Applied && result.Wallet.AutoTopUp.CanRun && result.Wallet.Balance <= result.Wallet.AutoTopUp.Threshold)
        {
            await AutoTopUpAsync(tenantId, 0, cancellationToken);
        }

        return result.Outcome != WalletOutcome.InsufficientCredits;
    }

    /// <summary>Gives back <paramref name="credits"/> once for <paramref name="operationId"/> (D4, D7).</summary>
    public async Task RefundAsync(string tenantId, string operationId, long credits, string reference, CancellationToken cancellationToken)
    {
        if (credits > 0)
        {
            await wallets.ApplyAsync(tenantId, WalletOperation.Refund(operationId, credits, reference), time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>
    /// Adds (or removes) credits and reward points without payment: demo seeding, support; once per
    /// operation id. One that would take the balance or the points over <see cref="WalletLimits.MaxBalance"/> is a 400.
    /// </summary>
    public async Task<WalletResult> AdjustAsync(string tenantId, string operationId, long credits, string reason, CancellationToken cancellationToken, long points = 0)
    {
        var result = await wallets.ApplyAsync(
            tenantId, new WalletOperation(operationId, LedgerKind.Adjustment, credits, reason, PointsDelta: points, Capped: true), time.GetUtcNow(), cancellationToken);
        if (result.Outcome == WalletOutcome.OverMaximum)
        {
            var errors = new ValidationErrors();
            if (credits > 0 && checked(result.Wallet.Balance + credits) > WalletLimits.MaxBalance)
            {
                errors.Add("credits", $"The balance is {result.Wallet.Balance:N0} credits; a wallet holds at most {WalletLimits.MaxBalance:N0}.");
            }

            if (points > 0 && checked(result.Wallet.RewardPoints + points) > WalletLimits.MaxBalance)
            {
                errors.Add("points", $"The wallet has {result.Wallet.RewardPoints:N0} reward points; it holds at most {WalletLimits.MaxBalance:N0}.");
            }

            errors.ThrowIfAny();
        }

        return result;
    }

    /// <summary>
    /// Buys a package (W4), paid with reward points in units of 1,000 (one point, one won) and
    /// the rest by card (W5); credits the points paid for are non-refundable. The points are
    /// reserved first and given back if the card is declined. <paramref name="operationId"/> comes
    /// from the caller's Idempotency-Key, so a retry neither pays nor credits twice.
    /// </summary>
    public async Task<TopUpResult> TopUpAsync(string tenantId, int packageCredits, string? cardToken, long points, string operationId, CancellationToken cancellationToken)
    {
        // Refused before anything is paid: credits once paid for are always added.
        var balance = (await wallets.GetAsync(tenantId, cancellationToken)).Balance;
        if (checked(balance + packageCredits) > WalletLimits.MaxBalance && !await wallets.HasOperationAsync(tenantId, $"topup:{operationId}", cancellationToken))
        {
            throw new CrmValidationException("packageCredits", $"The balance is {balance:N0} credits; a wallet holds at most {WalletLimits.MaxBalance:N0}.");
        }

        var price = CreditPackage.PriceWon(packageCredits);
        if (points > 0)
        {
            var reserved = await wallets.ApplyAsync(
                tenantId, new WalletOperation($"points:{operationId}", LedgerKind.Adjustment, 0, $"{points:N0} points for a top-up", PointsDelta: -points), time.GetUtcNow(), cancellationToken);
            if (reserved.Outcome == WalletOutcome.InsufficientPoints)
            {
                return new TopUpResult(false, CardPaymentResult.Decline("INSUFFICIENT_POINTS", $"The tenant has {reserved.Wallet.RewardPoints:N0} reward points, not {points:N0}."), reserved.Wallet);
            }
        }

        var payment = price > points
            ? await payments.ChargeAsync(new CardCharge(tenantId, cardToken!, price - points, $"topup:{tenantId}:{operationId}", $"{packageCredits:N0} message credits"), cancellationToken)
            : CardPaymentResult.Approve($"points-{operationId}");
        if (!payment.Approved)
        {
            if (points > 0)
            {
                await wallets.ApplyAsync(
                    tenantId, new WalletOperation($"points-back:{operationId}", LedgerKind.Adjustment, 0, "card declined: points given back", PointsDelta: points), time.GetUtcNow(), cancellationToken);
            }

            return new TopUpResult(false, payment, await wallets.GetAsync(tenantId, cancellationToken));
        }

        var nonRefundable = Math.Min(packageCredits, points / CreditPackage.WonPerCredit);
        var result = await wallets.ApplyAsync(
            tenantId,
            new WalletOperation($"topup:{operationId}", LedgerKind.TopUp, packageCredits, $"payment {payment.PaymentId}{(points > 0 ? $", {points:N0} points" : string.Empty)}", nonRefundable),
            time.GetUtcNow(),
            cancellationToken);
        return new TopUpResult(true, payment, result.Wallet);
    }

    public async Task<Wallet> SetAutoTopUpAsync(string tenantId, AutoTopUp settings, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wallet = await wallets.GetAsync(tenantId, cancellationToken);
            var updated = wallet with { AutoTopUp = settings with { DisabledReason = null } };
            if (await wallets.TrySaveSettingsAsync(updated, cancellationToken))
            {
                return await wallets.GetAsync(tenantId, cancellationToken);
            }
        }
    }

    /// <summary>
    /// One auto top-up for the tenant, when the balance is at or below the threshold (W3) or below
    /// <paramref name="requiredBalance"/> (a charge that could not be paid, D2). Whoever takes the
    /// lease buys the package; everyone else waits for the lease and then sees the new balance.
    /// A decline switches auto top-up off.
    /// </summary>
    public async Task AutoTopUpAsync(string tenantId, long requiredBalance, CancellationToken cancellationToken)
    {
        var wallet = await wallets.GetAsync(tenantId, cancellationToken);
        if (!wallet.AutoTopUp.CanRun)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (wallet.TopUpLeaseUntil > now || !await wallets.TrySaveSettingsAsync(wallet with { TopUpLeaseUntil = now + TopUpLease }, cancellationToken))
        {
            await WaitForLeaseAsync(tenantId, cancellationToken);
            return;
        }

        var leased = await wallets.GetAsync(tenantId, cancellationToken);
        var settings = leased.AutoTopUp;
        var failure = (string?)null;
        try
        {
            // Someone else's top-up may have landed between our read and our lease: check again.
            if (leased.Balance > settings.Threshold && leased.Balance >= requiredBalance)
            {
                return;
            }

            // The ledger sequence names this top-up, so a crashed attempt retried later pays once.
            var operationId = $"auto-{leased.LastSequence}";
            var payment = await payments.ChargeAsync(
                new CardCharge(tenantId, settings.CardToken!, CreditPackage.PriceWon(settings.PackageCredits), $"topup:{tenantId}:{operationId}", $"Auto top-up of {settings.PackageCredits:N0} credits"),
                cancellationToken);
            if (payment.Approved)
            {
                await wallets.ApplyAsync(tenantId, new WalletOperation($"topup:{operationId}", LedgerKind.TopUp, settings.PackageCredits, $"auto top-up, card payment {payment.PaymentId}"), time.GetUtcNow(), cancellationToken);
                LogAutoTopUp(logger, tenantId, settings.PackageCredits);
            }
            else
            {
                failure = $"Card declined ({payment.DeclineCode}): {payment.DeclineReason}";
                LogAutoTopUpDeclined(logger, tenantId, failure);
            }
        }
        finally
        {
            await ReleaseLeaseAsync(tenantId, failure, cancellationToken);
        }
    }

    private async Task ReleaseLeaseAsync(string tenantId, string? failure, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wallet = await wallets.GetAsync(tenantId, cancellationToken);
            var released = wallet with
            {
                TopUpLeaseUntil = null,
                AutoTopUp = failure is null ? wallet.AutoTopUp : wallet.AutoTopUp with { Enabled = false, DisabledReason = failure },
            };
            if (await wallets.TrySaveSettingsAsync(released, cancellationToken))
            {
                return;
            }
        }
    }

    private async Task WaitForLeaseAsync(string tenantId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + TopUpLease;
        while (time.GetUtcNow() < deadline)
        {
            var wallet = await wallets.GetAsync(tenantId, cancellationToken);
            if (wallet.TopUpLeaseUntil is null || wallet.TopUpLeaseUntil <= time.GetUtcNow())
            {
                return;
            }

            await Task.Delay(LeasePoll, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Auto top-up for {TenantId}: {Credits} credits bought")]
    private static partial void LogAutoTopUp(ILogger logger, string tenantId, int credits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auto top-up for {TenantId} switched off: {Reason}")]
    private static partial void LogAutoTopUpDeclined(ILogger logger, string tenantId, string reason);
}
