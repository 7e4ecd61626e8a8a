using System.Text.Json;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Campaigns;
using Crm.Core.Common;
using Crm.Core.Delivery;
using Crm.Storage.Clients;
using Polly;

namespace Crm.Storage.Campaigns;

/// <summary>
/// Campaigns: one entity per campaign in the tenant's partition, beside one completion marker
/// per finished batch (so a marker and the counters it adds commit together). The audience is
/// stored in chunks of 1,000 in CampaignRecipients. CampaignDue holds two indexes, each one
/// partition sorted by time: "due" (campaigns to dispatch) and "check" (sending campaigns the
/// reconciliation looks at again).
/// </summary>
public sealed class TableCampaignStore(StorageClients clients, TimeProvider? time = null) : ICampaignStore
{
    private const string DuePartition = "due";
    private const string CheckPartition = "check";

    // Campaign rows share their partition with batch-completion markers; this tells them apart in listings.
    private const string CampaignType = "campaign";

    // Batches of one campaign complete concurrently: a write that lost the ETag race reads again and retries.
    private readonly ResiliencePipeline _completionRetry = ConflictRetry.OnException(e => e is TableTransactionFailedException t && StorageErrors.IsConcurrencyConflict(t), time);
    private readonly TableClient _campaigns = clients.Tables.GetTableClient(TableNames.Campaigns);
    private readonly TableClient _due = clients.Tables.GetTableClient(TableNames.CampaignDue);
    private readonly TableClient _recipients = clients.Tables.GetTableClient(TableNames.CampaignRecipients);

    public async Task CreateAsync(Campaign campaign, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        // Due entry first: if we crash after it, the sweep finds no campaign and retries later;
        // the reverse order could leave a stored campaign nobody ever dispatches.
        await AddDueAsync(new DueCampaign(campaign.TenantId, campaign.CampaignId, campaign.SendAt), cancellationToken);

        var partition = Keys.Campaign(campaign.TenantId, campaign.CampaignId);
        var chunks = recipients.Chunk(Batch.Size).Select((chunk, i) =>
        {
            var entity = new TableEntity(partition, Keys.Number(i + 1));
            RecipientCodec.Write(entity, chunk);
            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
        });
        await EntityTransactions.SubmitAsync(_recipients, chunks, cancellationToken);
        await _campaigns.AddEntityAsync(ToEntity(campaign), cancellationToken);
    }

    public async Task CreateRunAsync(Campaign run, CancellationToken cancellationToken)
    {
        await AddDueAsync(new DueCampaign(run.TenantId, run.CampaignId, run.SendAt), cancellationToken);
        var partition = Keys.Campaign(run.TenantId, run.CampaignId);
        var chunk = 0;
        var copies = new List<TableTransactionAction>();
        await foreach (var recipients in ReadRecipientsAsync(run.TenantId, run.SeriesId!, cancellationToken))
        {
            var entity = new TableEntity(partition, Keys.Number(++chunk));
            RecipientCodec.Write(entity, recipients);
            copies.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        await EntityTransactions.SubmitAsync(_recipients, copies, cancellationToken);
        try
        {
            await _campaigns.AddEntityAsync(ToEntity(run), cancellationToken);
        }
        catch (RequestFailedException ex) when (StorageErrors.IsAlreadyExists(ex))
        {
            // The run was created before (a retried dispatch of the series).
        }
    }

    public async Task<Campaign?> GetAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        var response = await _campaigns.GetEntityIfExistsAsync<TableEntity>(tenantId, campaignId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? FromEntity(entity) : null;
    }

    public async Task<bool> TryUpdateAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        try
        {
            // Replace, not merge: a merge cannot clear a property (nulls are dropped), e.g. a series'
            // NextRunAt when it ends. The ETag makes writing the whole campaign safe.
            await _campaigns.UpdateEntityAsync(ToEntity(campaign), new ETag(campaign.Version!), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsConcurrencyConflict(ex))
        {
            return false;
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<Recipient>> ReadRecipientsAsync(
        string tenantId, string campaignId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.Campaign(tenantId, campaignId)}");
        await foreach (var entity in _recipients.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return RecipientCodec.Read(entity);
        }
    }

    public async Task<Campaign> ApplyBatchCompletionAsync(BatchCompletion completion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = completion.Batch;
        var marker = new TableEntity(batch.TenantId, $"{batch.CampaignId}_b{Keys.Number(batch.BatchNumber)}")
        {
            ["Sent"] = completion.Sent,
            ["Failed"] = completion.Failed,
            ["NotSent"] = completion.NotSent,
            ["At"] = now,
        };

        // Batches of one campaign complete concurrently: optimistic concurrency on the campaign,
        // re-read and retry on a conflict. The marker makes a replayed completion a no-op.
        return await _completionRetry.ExecuteAsync(async _ =>
        {
            var campaign = await GetAsync(batch.TenantId, batch.CampaignId, cancellationToken)
                ?? throw new InvalidOperationException($"Campaign {batch.CampaignId} does not exist.");
            var updated = campaign.WithBatchCompleted(completion, now);
            try
            {
                await EntityTransactions.SubmitOneAsync(
                    _campaigns,
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, marker),
                        new TableTransactionAction(TableTransactionActionType.UpdateMerge, ProgressEntity(updated), new ETag(campaign.Version!)),
                    ],
                    cancellationToken);
                return updated;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && StorageErrors.IsAlreadyExists(ex))
            {
                return campaign;
            }
        }, cancellationToken);
    }

    public async Task ApplyLateFailureAsync(LateFailure failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = failure.Step.Batch;
        var step = failure.Step.Step == SendStep.Send ? "s" : "f";
        var marker = new TableEntity(batch.TenantId, $"{batch.CampaignId}_l{Keys.Number(batch.BatchNumber)}{step}{failure.Index:D4}") { ["Refunded"] = failure.Refunded, ["At"] = now };
        await _completionRetry.ExecuteAsync(async _ =>
        {
            var campaign = await GetAsync(batch.TenantId, batch.CampaignId, cancellationToken)
                ?? throw new InvalidOperationException($"Campaign {batch.CampaignId} does not exist.");
            try
            {
                await EntityTransactions.SubmitOneAsync(
                    _campaigns,
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, marker),
                        new TableTransactionAction(TableTransactionActionType.UpdateMerge, ProgressEntity(campaign.WithLateFailure(failure)), new ETag(campaign.Version!)),
                    ],
                    cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && StorageErrors.IsAlreadyExists(ex))
            {
                return;
            }
        }, cancellationToken);
    }

    public async Task<ResultPage<Campaign>> ListAsync(string tenantId, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and Type eq {CampaignType}");
        await foreach (var page in _campaigns.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return new ResultPage<Campaign>(page.Values.Select(FromEntity).ToList(), page.ContinuationToken);
        }

        return new ResultPage<Campaign>([], null);
    }

    public Task AddDueAsync(DueCampaign due, CancellationToken cancellationToken) =>
        _due.UpsertEntityAsync(DueEntity(due), TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<DueCampaign>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Row keys start with the send time, so "due by now" is a range on one partition.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DuePartition} and RowKey lt {Keys.Time(now) + "`"}");
        var list = new List<DueCampaign>();
        await foreach (var entity in _due.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(new DueCampaign(entity.GetString("TenantId"), entity.GetString("CampaignId"), entity.GetDateTimeOffset("SendAt") ?? now));
        }

        return list;
    }

    public async Task RemoveDueAsync(DueCampaign due, CancellationToken cancellationToken)
    {
        var entity = DueEntity(due);
        await _due.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
    }

    public async Task<IReadOnlySet<int>> ListCompletedBatchesAsync(string tenantId, string campaignId, CancellationToken cancellationToken)
    {
        // Markers are "{campaignId}_b{number}" in the tenant's partition: one range, only the row keys.
        var prefix = $"{campaignId}_b";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {prefix} and RowKey lt {campaignId + "_c"}");
        var numbers = new HashSet<int>();
        await foreach (var entity in _campaigns.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            numbers.Add(int.Parse(entity.RowKey.AsSpan(prefix.Length), System.Globalization.CultureInfo.InvariantCulture));
        }

        return numbers;
    }

    public Task AddCheckAsync(CampaignCheck check, CancellationToken cancellationToken) =>
        _due.UpsertEntityAsync(CheckEntity(check), TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<CampaignCheck>> ListChecksAsync(DateTimeOffset now, int max, string? tenantId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CheckPartition} and RowKey lt {Keys.Time(now) + "`"}");
        if (tenantId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"TenantId eq {tenantId}");
        }

        var list = new List<CampaignCheck>();
        await foreach (var entity in _due.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
        {
            list.Add(new CampaignCheck(
                entity.GetString("TenantId"), entity.GetString("CampaignId"), entity.GetDateTimeOffset("CheckAt") ?? now, entity.GetDateTimeOffset("SendingSince") ?? now));
            if (list.Count == max)
            {
                break;
            }
        }

        return list;
    }

    public async Task RemoveCheckAsync(CampaignCheck check, CancellationToken cancellationToken)
    {
        var entity = CheckEntity(check);
        await _due.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
    }

    private static TableEntity CheckEntity(CampaignCheck check) => new(CheckPartition, $"{Keys.Time(check.CheckAt)}_{check.TenantId}_{check.CampaignId}")
    {
        ["TenantId"] = check.TenantId,
        ["CampaignId"] = check.CampaignId,
        ["CheckAt"] = check.CheckAt,
        ["SendingSince"] = check.SendingSince,
    };

    private static TableEntity DueEntity(DueCampaign due) => new(DuePartition, $"{Keys.Time(due.SendAt)}_{due.TenantId}_{due.CampaignId}")
    {
        ["TenantId"] = due.TenantId,
        ["CampaignId"] = due.CampaignId,
        ["SendAt"] = due.SendAt,
    };

    private static TableEntity ToEntity(Campaign c)
    {
        var entity = ProgressEntity(c);
        entity["Channel"] = c.Channel.ToString();
        entity["Kind"] = c.Kind.ToString();
        entity["SenderNumber"] = c.SenderNumber;
        entity["Type"] = CampaignType;
        entity["Subject"] = c.Subject;
        entity["FriendTalkType"] = c.FriendTalkType?.ToString();
        entity["TemplateCode"] = c.TemplateCode;
        entity["ImageId"] = c.ImageId;
        entity["NightPolicy"] = c.NightPolicy.ToString();
        entity["Recurrence"] = c.Recurrence is null ? null : JsonSerializer.Serialize(c.Recurrence, CrmJson.Options);
        entity["SeriesId"] = c.SeriesId;
        entity["GroupId"] = c.GroupId;
        entity["Run"] = c.Run;
        entity["Content"] = c.Content;
        entity["CreatedAt"] = c.CreatedAt;
        entity["SendAt"] = c.SendAt;
        return entity;
    }

    // Only what changes after registration (C2): a merge of these never touches the content.
    private static TableEntity ProgressEntity(Campaign c) => new(c.TenantId, c.CampaignId)
    {
        ["Status"] = c.Status.ToString(),
        ["RecipientCount"] = c.RecipientCount,
        ["BatchCount"] = c.BatchCount,
        ["BatchesCompleted"] = c.BatchesCompleted,
        ["Sent"] = c.Sent,
        ["Failed"] = c.Failed,
        ["NotSent"] = c.NotSent,
        ["FallbackSent"] = c.FallbackSent,
        ["CreditsCharged"] = c.CreditsCharged,
        ["CreditsRefunded"] = c.CreditsRefunded,
        ["Batched"] = c.Batched,
        ["Price"] = c.Price,
        ["UnpaidFromBatch"] = c.UnpaidFromBatch,
        ["HeldUntil"] = c.HeldUntil,
        ["RunsCreated"] = c.RunsCreated,
        ["NextRunAt"] = c.NextRunAt,
        ["FailureReason"] = c.FailureReason,
        ["CompletedAt"] = c.CompletedAt,
    };

    private static Campaign FromEntity(TableEntity e) => new()
    {
        TenantId = e.PartitionKey,
        CampaignId = e.RowKey,
        Channel = Enum.Parse<Channel>(e.GetString("Channel")),
        Kind = Enum.Parse<CampaignKind>(e.GetString("Kind")),
        SenderNumber = e.GetString("SenderNumber"),
        Subject = e.GetString("Subject"),
        FriendTalkType = e.GetString("FriendTalkType") is { } type ? Enum.Parse<FriendTalkType>(type) : null,
        TemplateCode = e.GetString("TemplateCode"),
        ImageId = e.GetString("ImageId"),
        NightPolicy = Enum.Parse<NightPolicy>(e.GetString("NightPolicy") ?? nameof(NightPolicy.Hold)),
        Recurrence = e.GetString("Recurrence") is { Length: > 0 } recurrence ? JsonSerializer.Deserialize<Recurrence>(recurrence, CrmJson.Options) : null,
        SeriesId = e.GetString("SeriesId"),
        GroupId = e.GetString("GroupId"),
        Run = e.GetInt32("Run") ?? 0,
        RunsCreated = e.GetInt32("RunsCreated") ?? 0,
        NextRunAt = e.GetDateTimeOffset("NextRunAt"),
        Content = e.GetString("Content"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        SendAt = e.GetDateTimeOffset("SendAt") ?? default,
        RecipientCount = e.GetInt32("RecipientCount") ?? 0,
        Status = Enum.Parse<CampaignStatus>(e.GetString("Status")),
        BatchCount = e.GetInt32("BatchCount") ?? 0,
        BatchesCompleted = e.GetInt32("BatchesCompleted") ?? 0,
        Sent = e.GetInt32("Sent") ?? 0,
        Failed = e.GetInt32("Failed") ?? 0,
        NotSent = e.GetInt32("NotSent") ?? 0,
        FallbackSent = e.GetInt32("FallbackSent") ?? 0,
        CreditsCharged = e.GetInt64("CreditsCharged") ?? 0,
        CreditsRefunded = e.GetInt64("CreditsRefunded") ?? 0,
        Batched = e.GetInt32("Batched") ?? 0,
        Price = e.GetInt32("Price") ?? 0,
        UnpaidFromBatch = e.GetInt32("UnpaidFromBatch") ?? 0,
        HeldUntil = e.GetDateTimeOffset("HeldUntil"),
        FailureReason = e.GetString("FailureReason"),
        CompletedAt = e.GetDateTimeOffset("CompletedAt"),
        Version = e.ETag.ToString(),
    };
}
