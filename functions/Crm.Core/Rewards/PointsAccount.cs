namespace Crm.Core.Rewards;

/// <summary>A customer's points: balance, open grants (oldest first) and the version for concurrency.</summary>
public sealed record PointsAccount(string TenantId, string Phone, long Balance, long LastSequence, IReadOnlyList<PointsGrant> Grants, string? Version)
{
    public static PointsAccount Empty(string tenantId, string phone) => new(tenantId, phone, 0, 0, [], null);

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

    /// <summary>The account after <paramref name="entry"/> changed it and the grants it touched.</summary>
    public PointsAccount After(PointsEntry entry, IReadOnlyList<PointsGrant> changed)
    {
        var ids = changed.Select(g => g.GrantId).ToHashSet(StringComparer.Ordinal);
        return this with { Balance = entry.BalanceAfter, LastSequence = entry.Sequence, Grants = [.. Grants.Where(g => !ids.Contains(g.GrantId)), .. changed] };
    }

    /// <summary>The grants past their validity at <paramref name="runAt"/> that still hold points (R3).</summary>
    public IReadOnlyList<PointsGrant> ExpiringAt(DateTimeOffset runAt) => Grants.Where(g => g.Remaining > 0 && g.ExpiresAt <= runAt).ToList();
}
