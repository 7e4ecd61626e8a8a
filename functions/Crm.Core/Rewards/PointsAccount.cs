namespace Crm.Core.Rewards;

/// <summary>
/// A customer's points: balance, open grants and the last ledger sequence. <see cref="Unfiled"/> are
/// ledger entries recorded with the account itself (expiries, which change a whole bucket at once);
/// the customer's next grant or deduction files them as ledger rows.
/// </summary>
public sealed record PointsAccount(string TenantId, string Phone, long Balance, long LastSequence, IReadOnlyList<PointsGrant> Grants, IReadOnlyList<PointsEntry> Unfiled)
{
    public static PointsAccount Empty(string tenantId, string phone) => new(tenantId, phone, 0, 0, [], []);

    /// <summary>R1: a deduction uses the grants that expire first; returns how much each gives, or null when the balance is short.</summary>
    public IReadOnlyList<(PointsGrant Grant, long Used)>? PlanDeduction(long amount, DateTimeOffset now)
    {
        var open = Grants.Where(g => g.Remaining > 0 && g.ExpiresAt > now).OrderBy(g => g.ExpiresAt).ThenBy(g => g.GrantedAt).ToList();
        if (open.Sum(g => g.Remaining) < amount)
        {
            return null;
        }

        var plan = new List<(PointsGrant, long)>();
        var left = amount;
        foreach (var grant in open)
        {
            if (left == 0)
            {
                break;
            }

            var used = Math.Min(grant.Remaining, left);
            plan.Add((grant, used));
            left -= used;
        }

        return plan;
    }

    /// <summary>
    /// The account after <paramref name="entry"/> changed it and the grants it touched. Grants with
    /// nothing left are dropped: the ledger keeps their story.
    /// </summary>
    public PointsAccount After(PointsEntry entry, IReadOnlyList<PointsGrant> changed)
    {
        var ids = changed.Select(g => g.GrantId).ToHashSet(StringComparer.Ordinal);
        return this with
        {
            Balance = entry.BalanceAfter,
            LastSequence = entry.Sequence,
            Grants = [.. Grants.Where(g => !ids.Contains(g.GrantId)), .. changed.Where(g => g.Remaining > 0)],
        };
    }

    /// <summary>The grants past their validity at <paramref name="runAt"/> that still hold points (R3).</summary>
    public IReadOnlyList<PointsGrant> ExpiringAt(DateTimeOffset runAt) => Grants.Where(g => g.Remaining > 0 && g.ExpiresAt <= runAt).ToList();

    /// <summary>
    /// R3: the account with every grant past its validity at <paramref name="cutoff"/> expired, the
    /// expiry kept as an unfiled ledger entry; null when nothing expires.
    /// </summary>
    public PointsAccount? Expire(DateOnly run, DateTimeOffset cutoff, DateTimeOffset now)
    {
        var expiring = ExpiringAt(cutoff);
        var amount = expiring.Sum(g => g.Remaining);
        if (amount == 0)
        {
            return null;
        }

        var entry = new PointsEntry(LastSequence + 1, $"expire:{run:yyyy-MM-dd}", PointsReason.Expired, -amount, checked(Balance - amount), $"expiry run {run:yyyy-MM-dd}", now);
        return After(entry, [.. expiring.Select(g => g with { Remaining = 0 })]) with { Unfiled = [.. Unfiled, entry] };
    }
}
