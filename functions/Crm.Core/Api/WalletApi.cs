using Crm.Core.Common;
using Crm.Core.Credits;
using Crm.Core.Functions;
using Crm.Core.Tenants;

namespace Crm.Core.Api;

/// <summary>The wallet over HTTP: balance, ledger, card top-up (W4), auto top-up (W3), support adjustments.</summary>
public sealed class WalletApi(TenantService tenants, WalletService wallets, IdempotentRequests idempotent)
{
    public Task<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var tenant = await tenants.GetRequiredAsync(request.Route("tenantId"), cancellationToken);
            return new ApiResponse(200, WalletView.From(await wallets.GetAsync(tenant.TenantId, cancellationToken)));
        });

    /// <summary>?after={sequence}&amp;pageSize=1..1000; the answer's "after" asks for the next page.</summary>
    public Task<ApiResponse> LedgerAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var tenant = await tenants.GetRequiredAsync(request.Route("tenantId"), cancellationToken);
            var after = 0L;
            if (request.QueryValue("after") is { } raw && (!long.TryParse(raw, out after) || after < 0))
            {
                throw new CrmValidationException("after", "The sequence number to continue after: a whole number ≥ 0.");
            }

            var size = request.PageSize();
            var entries = await wallets.ListLedgerAsync(tenant.TenantId, after, size, cancellationToken);
            return new ApiResponse(200, new { items = entries, after = entries.Count == size ? entries[^1].Sequence : (long?)null });
        });

    /// <summary>
    /// W4: buys a package by card. The Idempotency-Key header is required and bound to the request
    /// (<see cref="IdempotentRequests"/>); the card payment and the credit are keyed by it as well, so
    /// one key never pays twice, even when a retry takes over from a run that died mid-way.
    /// </summary>
    public Task<ApiResponse> TopUpAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var tenant = await tenants.GetRequiredAsync(request.Route("tenantId"), cancellationToken);
            return await idempotent.RunAsync(
                request, tenant.TenantId, FunctionCatalog.TopUpWallet, keyRequired: true, (buffered, claim) => TopUpOnceAsync(buffered, tenant.TenantId, claim!.Key, cancellationToken), cancellationToken);
        });

    private Task<ApiResponse> TopUpOnceAsync(ApiRequest request, string tenantId, string key, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var body = await ApiBody.ReadAsync<TopUpRequest>(request.Body, cancellationToken);
            var errors = new ValidationErrors();
            if (body.PackageCredits is not { } credits || !CreditPackage.IsValid(credits))
            {
                errors.Add("packageCredits", $"One of {string.Join(", ", CreditPackage.Sizes.Select(s => s.ToString("N0")))} credits (22 KRW each).");
            }

            var points = body.Points ?? 0;
            if (points < 0 || points % CreditPackage.PointUnit != 0)
            {
                errors.Add("points", $"Reward points pay in units of {CreditPackage.PointUnit:N0} (W5).");
            }
            else if (body.PackageCredits is { } size && CreditPackage.IsValid(size) && points > CreditPackage.PriceWon(size))
            {
                errors.Add("points", $"The package costs {CreditPackage.PriceWon(size):N0} won; pay at most that in points.");
            }

            var cardNeeded = body.PackageCredits is not { } package || !CreditPackage.IsValid(package) || points < CreditPackage.PriceWon(package);
            if (cardNeeded && string.IsNullOrWhiteSpace(body.CardToken))
            {
                errors.Add("cardToken", "Required unless points pay the whole package: the registered card's token from the payment provider.");
            }

            errors.ThrowIfAny();
            var result = await wallets.TopUpAsync(tenantId, body.PackageCredits!.Value, body.CardToken, points, key, cancellationToken);
            return result.Paid
                ? new ApiResponse(200, new { paymentId = result.Payment.PaymentId, wallet = WalletView.From(result.Wallet) })
                : ApiErrors.Problem(402, "The payment was declined.", $"{result.Payment.DeclineCode}: {result.Payment.DeclineReason}");
        });

    public Task<ApiResponse> SetAutoTopUpAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var tenant = await tenants.GetRequiredAsync(request.Route("tenantId"), cancellationToken);
            var body = await ApiBody.ReadAsync<AutoTopUpSettings>(request.Body, cancellationToken);
            var errors = new ValidationErrors();
            if (body.Enabled)
            {
                if (body.PackageCredits is not { } credits || !CreditPackage.IsValid(credits))
                {
                    errors.Add("packageCredits", $"One of {string.Join(", ", CreditPackage.Sizes.Select(s => s.ToString("N0")))} credits.");
                }

                if (string.IsNullOrWhiteSpace(body.CardToken))
                {
                    errors.Add("cardToken", "Auto top-up needs a registered card (W3).");
                }

                if (body.Threshold is not (>= 0 and <= WalletLimits.MaxThreshold))
                {
                    errors.Add("threshold", $"The balance at or below which to buy: a whole number from 0 to {WalletLimits.MaxThreshold:N0}.");
                }
            }

            errors.ThrowIfAny();
            var settings = new AutoTopUp(body.Enabled, body.Threshold ?? 0, body.PackageCredits ?? 0, body.CardToken);
            return new ApiResponse(200, WalletView.From(await wallets.SetAutoTopUpAsync(tenant.TenantId, settings, cancellationToken)));
        });

    /// <summary>Support tool: credit or debit by hand, once per operation id, with a reason in the ledger.</summary>
    public Task<ApiResponse> AdjustAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var tenant = await tenants.GetRequiredAsync(request.Route("tenantId"), cancellationToken);
            var body = await ApiBody.ReadAsync<WalletAdjustment>(request.Body, cancellationToken);
            var errors = new ValidationErrors();
            if (body.Credits is null or 0 && body.Points is null or 0)
            {
                errors.Add("credits", "A non-zero whole number of credits or points (negative to debit).");
            }

            if (body.Credits is < -WalletLimits.MaxAdjustment or > WalletLimits.MaxAdjustment)
            {
                errors.Add("credits", $"At most {WalletLimits.MaxAdjustment:N0} credits added or removed by one adjustment.");
            }

            if (body.Points is < -WalletLimits.MaxAdjustment or > WalletLimits.MaxAdjustment)
            {
                errors.Add("points", $"At most {WalletLimits.MaxAdjustment:N0} reward points added or removed by one adjustment.");
            }

            if (string.IsNullOrWhiteSpace(body.Reason))
            {
                errors.Add("reason", "Say why, for the ledger.");
            }

            KeyIds.CheckReference(errors, "operationId", body.OperationId, "An id for this adjustment, applied once");

            errors.ThrowIfAny();
            var result = await wallets.AdjustAsync(tenant.TenantId, $"adjust:{body.OperationId}", body.Credits ?? 0, body.Reason!, cancellationToken, body.Points ?? 0);
            return result.Outcome is WalletOutcome.InsufficientCredits or WalletOutcome.InsufficientPoints
                ? ApiErrors.Problem(409, "The balance is smaller than the debit.", $"Credits {result.Wallet.Balance:N0}, points {result.Wallet.RewardPoints:N0}.")
                : new ApiResponse(200, new { outcome = result.Outcome, wallet = WalletView.From(result.Wallet) });
        });
}
