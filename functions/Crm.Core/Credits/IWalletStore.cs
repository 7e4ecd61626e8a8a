namespace Crm.Core.Credits;

/// <summary>
/// The wallet and its ledger in one partition: every operation is one entity-group transaction
/// (operation marker, ledger entry, wallet) under ETag concurrency.
/// </summary>
public interface IWalletStore
{
    Task<Wallet> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Applies the operation once; one the wallet refuses (<see cref="Wallet.Refusal"/>) changes nothing.</summary>
    Task<WalletResult> ApplyAsync(string tenantId, WalletOperation operation, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Saves settings (auto top-up, its lease) if the wallet is unchanged since read; false on a conflict.</summary>
    Task<bool> TrySaveSettingsAsync(Wallet wallet, CancellationToken cancellationToken);

    /// <summary>Ledger entries in order, from <paramref name="afterSequence"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LedgerEntry>> ListLedgerAsync(string tenantId, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Whether the operation was applied (its marker exists).</summary>
    Task<bool> HasOperationAsync(string tenantId, string operationId, CancellationToken cancellationToken);
}
