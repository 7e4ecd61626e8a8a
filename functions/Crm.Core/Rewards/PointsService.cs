using Crm.Core.Common;
using Crm.Core.Tenants;

namespace Crm.Core.Rewards;

/// <summary>R1: grants and deductions, each applied once by the caller's id; use consumes the grants that expire first.</summary>
public sealed class PointsService(TenantService tenants, IPointsStore points, IPointsPolicyStore policies, IChangeNoticeQueue notices, TimeProvider time)
{
    /// <summary>Validity of a grant when the tenant has no policy yet and the grant names no expiry.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(365);

    // A bucket is shared by ~250 customers at a million: a lost race is retried, not endless.
    private const int MaxAttempts = 50;

    public async Task<PointsBalance> GrantAsync(string tenantId, string phone, PointsChange? change, CancellationToken cancellationToken)
    {
        var (tenant, normalized) = await ValidateAsync(tenantId, phone, change, cancellationToken);
        var now = time.GetUtcNow();
        var policy = (await policies.GetAsync(tenant.TenantId, cancellationToken))?.Policy;
        var validity = policy is null ? DefaultValidity : TimeSpan.FromDays(policy.ValidityDays);
        var expiresAt = change!.ExpiresAt ?? now + validity;
        if (expiresAt <= now)
        {
            throw new CrmValidationException("expiresAt", "A grant must expire in the future.");
        }

        var reason = change.Reason ?? PointsReason.Manual;
        if (reason is PointsReason.Checkout or PointsReason.Expired)
        {
            throw new CrmValidationException("reason", "A grant's reason is purchase, event, review or manual.");
        }

        return await ApplyAsync(tenant.TenantId, normalized, change.OperationId!, policy, account =>
        {
            var balance = checked(account.Balance + change.Amount!.Value);
            if (balance > PointsLimits.MaxBalance)
            {
                throw new CrmValidationException("amount", $"The customer has {account.Balance:N0} points; a balance is at most {PointsLimits.MaxBalance:N0}.");
            }

            var grant = new PointsGrant(change.OperationId!, change.Amount.Value, change.Amount.Value, reason, now, expiresAt);
            return (new PointsEntry(account.LastSequence + 1, change.OperationId!, reason, change.Amount.Value, balance, change.Reference, now), [grant]);
        }, cancellationToken);
    }

    public async Task<PointsBalance> DeductAsync(string tenantId, string phone, PointsChange? change, CancellationToken cancellationToken)
    {
        var (tenant, normalized) = await ValidateAsync(tenantId, phone, change, cancellationToken);
        var now = time.GetUtcNow();
        var policy = (await policies.GetAsync(tenant.TenantId, cancellationToken))?.Policy;
        return await ApplyAsync(tenant.TenantId, normalized, change!.OperationId!, policy, account =>
        {
            var plan = account.PlanDeduction(change.Amount!.Value, now)
                ?? throw new CrmValidationException("amount", $"The customer has {account.Grants.Where(g => g.ExpiresAt > now).Sum(g => g.Remaining):N0} points; {change.Amount:N0} cannot be used.");
            var changed = plan.Select(p => p.Grant with { Remaining = p.Grant.Remaining - p.Used }).ToList();
            return (new PointsEntry(account.LastSequence + 1, change.OperationId!, PointsReason.Checkout, -change.Amount.Value, checked(account.Balance - change.Amount.Value), change.Reference, now), changed);
        }, cancellationToken);
    }

    public async Task<PointsBalance> BalanceAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var normalized = PhoneNumber.RequireMobile(phone);
        return ToBalance((await points.GetAsync(tenantId, PointsBuckets.Of(normalized), cancellationToken)).Account(normalized));
    }

    public async Task<IReadOnlyList<PointsEntry>> HistoryAsync(string tenantId, string phone, long after, int limit, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return await points.ListEntriesAsync(tenantId, PhoneNumber.RequireMobile(phone), after, limit, cancellationToken);
    }

    private async Task<PointsBalance> ApplyAsync(
        string tenantId, string phone, string operationId, PointsPolicy? policy, Func<PointsAccount, (PointsEntry Entry, IReadOnlyList<PointsGrant> Grants)> change, CancellationToken cancellationToken)
    {
        var number = PointsBuckets.Of(phone);
        for (var attempt = 1; ; attempt++)
        {
            var bucket = await points.GetAsync(tenantId, number, cancellationToken);
            var account = bucket.Account(phone);
            (PointsEntry Entry, IReadOnlyList<PointsGrant> Grants) planned;
            try
            {
                planned = change(account);
            }
            catch (CrmValidationException)
            {
                // A repeated id answers with the balance, even when a deduction could not be planned again now.
                if (await points.HasOperationAsync(tenantId, phone, operationId, cancellationToken))
                {
                    return ToBalance(account);
                }

                throw;
            }

            var after = account.After(planned.Entry, planned.Grants);
            var applied = await points.TryApplyAsync(bucket, planned.Entry, after, cancellationToken);
            if (applied == true)
            {
                if (policy?.ChangeNotices == true)
                {
                    // R2: announced by the next batch of change notices, seconds from now.
                    var entry = planned.Entry;
                    await notices.AddAsync(tenantId, phone, operationId, entry.Amount, entry.Reason, entry.BalanceAfter, entry.At, cancellationToken);
                }

                return ToBalance(after);
            }

            // Applied before (a repeated id), now or by the caller's earlier attempt that raced this one: the current balance is the answer.
            if (applied is null || await points.HasOperationAsync(tenantId, phone, operationId, cancellationToken))
            {
                return ToBalance((await points.GetAsync(tenantId, number, cancellationToken)).Account(phone));
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"Points of {PhoneNumber.Mask(phone)} changed {MaxAttempts} times while {operationId} was being applied.");
            }

            await Task.Delay(Random.Shared.Next(5, 20 << Math.Min(attempt, 6)), cancellationToken);
        }
    }

    private async Task<(Tenant Tenant, string Phone)> ValidateAsync(string tenantId, string phone, PointsChange? change, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var errors = new ValidationErrors();
        KeyIds.CheckReference(errors, "operationId", change?.OperationId, "Required: the order, event or review id, applied once");

        if (change?.Amount is not (> 0 and <= PointsLimits.MaxChange))
        {
            errors.Add("amount", $"A whole number of points from 1 to {PointsLimits.MaxChange:N0}.");
        }

        errors.ThrowIfAny();
        return (tenant, PhoneNumber.RequireMobile(phone));
    }

    private PointsBalance ToBalance(PointsAccount account)
    {
        var now = time.GetUtcNow();
        var open = account.Grants.Where(g => g.Remaining > 0 && g.ExpiresAt > now).ToList();
        return new PointsBalance(
            account.Phone,
            account.Balance,
            open.GroupBy(g => g.ExpiresAt).OrderBy(g => g.Key).Select(g => new PointsExpiryAmount(g.Key, g.Sum(x => x.Remaining))).ToList());
    }
}
