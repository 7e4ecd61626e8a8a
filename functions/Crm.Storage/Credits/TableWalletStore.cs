using Azure;
using Azure.Data.Tables;
using Crm.Core.Credits;
using Crm.Core.Common;
using Crm.Storage.Clients;
using Polly;

namespace Crm.Storage.Credits;

/// <summary>
/// A tenant's wallet, ledger and operation markers share the partition PartitionKey = tenant id
/// (W6): row "wallet", rows "L_{sequence}" in order, rows "op_{operationId}". One operation is one
/// transaction of all three, so a replayed operation id fails on its marker and changes nothing.
/// </summary>
public sealed class TableWalletStore(StorageClients clients, TimeProvider? time = null) : IWalletStore
{
    private const string WalletRow = "wallet";
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Wallets);

    // Another operation moved the wallet first: read it again and retry.
    private readonly ResiliencePipeline _retry = ConflictRetry.OnException(
        e => e is TableTransactionFailedException t && (StorageErrors.IsConcurrencyConflict(t) || StorageErrors.IsAlreadyExists(t)), time);

    public async Task<Wallet> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(tenantId, WalletRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? FromEntity(e) : Wallet.Empty(tenantId);
    }

    public async Task<WalletResult> ApplyAsync(string tenantId, WalletOperation operation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async _ =>
        {
            var wallet = await GetAsync(tenantId, cancellationToken);
            if (wallet.Refusal(operation) is { } outcome)
            {
                // A replay of a charge that already went through must not read as "insufficient".
                return new WalletResult(await HasOperationAsync(tenantId, operation.OperationId, cancellationToken) ? WalletOutcome.AlreadyApplied : outcome, wallet);
            }

            var after = wallet.After(operation);
            var entry = new LedgerEntry(after.LastSequence, operation.OperationId, operation.Kind, operation.Amount, after.Balance, after.NonRefundable, operation.Reference, now, operation.PointsDelta);
            TableTransactionAction[] actions =
            [
                new(TableTransactionActionType.Add, new TableEntity(tenantId, MarkerRow(operation.OperationId)) { ["Sequence"] = entry.Sequence }),
                new(TableTransactionActionType.Add, ToEntity(tenantId, entry)),
                wallet.Version is null
                    ? new(TableTransactionActionType.Add, BalanceEntity(after))
                    : new(TableTransactionActionType.UpdateMerge, BalanceEntity(after), new ETag(wallet.Version)),
            ];
            try
            {
                var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
                return new WalletResult(WalletOutcome.Applied, after with { Version = response.Value[2].Headers.ETag?.ToString() });
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && StorageErrors.IsAlreadyExists(ex))
            {
                return new WalletResult(WalletOutcome.AlreadyApplied, wallet);
            }
        }, cancellationToken);
    }

    public async Task<bool> TrySaveSettingsAsync(Wallet wallet, CancellationToken cancellationToken)
    {
        // Replace, not merge: Table Storage drops null properties from a merge, so a merge could
        // never clear the lease or a disabled reason. The ETag makes the full write safe.
        var entity = SettingsEntity(wallet);
        foreach (var (key, value) in BalanceEntity(wallet))
        {
            entity[key] = value;
        }

        try
        {
            if (wallet.Version is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, new ETag(wallet.Version), TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsConcurrencyConflict(ex) || StorageErrors.IsAlreadyExists(ex))
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<LedgerEntry>> ListLedgerAsync(string tenantId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {LedgerRow(afterSequence)} and RowKey lt {"L`"}");
        var list = new List<LedgerEntry>(Math.Min(limit, 1000));
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            list.Add(new LedgerEntry(
                e.GetInt64("Sequence") ?? 0,
                e.GetString("OperationId"),
                Enum.Parse<LedgerKind>(e.GetString("Kind")),
                e.GetInt64("Amount") ?? 0,
                e.GetInt64("BalanceAfter") ?? 0,
                e.GetInt64("NonRefundableAfter") ?? 0,
                e.GetString("Reference"),
                e.GetDateTimeOffset("At") ?? default,
                e.GetInt64("PointsDelta") ?? 0));
            if (list.Count == limit)
            {
                break;
            }
        }

        return list;
    }

    public async Task<bool> HasOperationAsync(string tenantId, string operationId, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(tenantId, MarkerRow(operationId), select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;

    private static string MarkerRow(string operationId) => $"op_{operationId}";

    private static string LedgerRow(long sequence) => $"L_{sequence:D12}";

    private static TableEntity ToEntity(string tenantId, LedgerEntry e) => new(tenantId, LedgerRow(e.Sequence))
    {
        ["Sequence"] = e.Sequence,
        ["OperationId"] = e.OperationId,
        ["Kind"] = e.Kind.ToString(),
        ["Amount"] = e.Amount,
        ["BalanceAfter"] = e.BalanceAfter,
        ["NonRefundableAfter"] = e.NonRefundableAfter,
        ["Reference"] = e.Reference,
        ["At"] = e.At,
        ["PointsDelta"] = e.PointsDelta,
    };

    // Only the balance fields: an operation never overwrites settings saved meanwhile (the ETag guards the rest).
    private static TableEntity BalanceEntity(Wallet w) => new(w.TenantId, WalletRow)
    {
        ["Balance"] = w.Balance,
        ["NonRefundable"] = w.NonRefundable,
        ["NonRefundableSpent"] = w.NonRefundableSpent,
        ["RewardPoints"] = w.RewardPoints,
        ["LastSequence"] = w.LastSequence,
    };

    private static TableEntity SettingsEntity(Wallet w) => new(w.TenantId, WalletRow)
    {
        ["AutoTopUpEnabled"] = w.AutoTopUp.Enabled,
        ["AutoTopUpThreshold"] = w.AutoTopUp.Threshold,
        ["AutoTopUpPackage"] = w.AutoTopUp.PackageCredits,
        ["CardToken"] = w.AutoTopUp.CardToken,
        ["AutoTopUpDisabledReason"] = w.AutoTopUp.DisabledReason,
        ["TopUpLeaseUntil"] = w.TopUpLeaseUntil,
    };

    private static Wallet FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetInt64("Balance") ?? 0,
        e.GetInt64("NonRefundable") ?? 0,
        e.GetInt64("NonRefundableSpent") ?? 0,
        e.GetInt64("RewardPoints") ?? 0,
        e.GetInt64("LastSequence") ?? 0,
        new AutoTopUp(
            e.GetBoolean("AutoTopUpEnabled") ?? false,
            e.GetInt64("AutoTopUpThreshold") ?? 0,
            e.GetInt32("AutoTopUpPackage") ?? 0,
            e.GetString("CardToken"),
            e.GetString("AutoTopUpDisabledReason")),
        e.GetDateTimeOffset("TopUpLeaseUntil"),
        e.ETag.ToString());
}
