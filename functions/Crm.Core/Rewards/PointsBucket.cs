namespace Crm.Core.Rewards;

/// <summary>
/// The accounts of one bucket (<see cref="PointsBuckets"/>), read and written together under
/// <see cref="Version"/> (null: nothing stored yet).
/// </summary>
public sealed record PointsBucket(string TenantId, int Number, IReadOnlyList<PointsAccount> Accounts, string? Version)
{
    public PointsAccount Account(string phone) =>
        Accounts.FirstOrDefault(a => a.Phone == phone) ?? PointsAccount.Empty(TenantId, phone);

    /// <summary>The bucket with <paramref name="account"/> added or replacing the customer's old one.</summary>
    public PointsBucket With(PointsAccount account) =>
        this with { Accounts = [.. Accounts.Where(a => a.Phone != account.Phone), account] };
}
