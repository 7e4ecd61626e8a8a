using Azure.Data.Tables;

namespace Crm.Storage.Clients;

/// <summary>
/// Writes many entities in entity-group transactions: one partition per transaction (checked
/// here, because Azurite accepts mixed partitions and Azure does not), at most 100 operations
/// and well under the 4 MiB payload limit.
/// </summary>
public static class EntityTransactions
{
    public const int MaxOperations = 100;

    /// <summary>Payload budget per transaction, leaving room for the multipart envelope.</summary>
    public const long MaxPayloadBytes = 3_500_000;

    public static async Task<int> SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var transactions = 0;
        foreach (var chunk in Chunk(actions))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
            transactions++;
        }

        return transactions;
    }

    /// <summary>Submits one transaction after checking it is one the service will accept.</summary>
    public static async Task SubmitOneAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        EnsureValid(actions);
        await table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>Groups actions into valid transactions, keeping their order within each partition.</summary>
    public static IEnumerable<IReadOnlyList<TableTransactionAction>> Chunk(IEnumerable<TableTransactionAction> actions)
    {
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var chunk = new List<TableTransactionAction>(MaxOperations);
            long bytes = 0;
            foreach (var action in partition)
            {
                var size = EstimateBytes(action.Entity);
                if (chunk.Count == MaxOperations || (chunk.Count > 0 && bytes + size > MaxPayloadBytes))
                {
                    yield return chunk;
                    chunk = new List<TableTransactionAction>(MaxOperations);
                    bytes = 0;
                }

                chunk.Add(action);
                bytes += size;
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }
        }
    }

    /// <summary>Throws unless every action is in one partition and there are at most 100 of them.</summary>
    public static void EnsureValid(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count is 0 or > MaxOperations)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxOperations} operations; got {actions.Count}.", nameof(actions));
        }

        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => !string.Equals(a.Entity.PartitionKey, partition, StringComparison.Ordinal)))
        {
            throw new ArgumentException("Every operation of a transaction must be in one partition.", nameof(actions));
        }

        var bytes = actions.Sum(a => EstimateBytes(a.Entity));
        if (actions.Count > 1 && bytes > MaxPayloadBytes)
        {
            throw new ArgumentException($"About {bytes:N0} bytes is over the {MaxPayloadBytes:N0}-byte budget of one transaction (4 MiB at most); split it with Chunk.", nameof(actions));
        }
    }

    // JSON on the wire: strings roughly as UTF-8 with escaping, binaries as base64.
    private static long EstimateBytes(ITableEntity entity)
    {
        long bytes = 256 + (entity.PartitionKey.Length + entity.RowKey.Length) * 3;
        if (entity is TableEntity dynamic)
        {
            foreach (var (key, value) in dynamic)
            {
                bytes += key.Length + 16 + value switch
                {
                    string s => s.Length * 3L,
                    byte[] b => b.Length * 4L / 3 + 4,
                    BinaryData d => d.ToMemory().Length * 4L / 3 + 4,
                    _ => 32,
                };
            }
        }

        return bytes;
    }
}
