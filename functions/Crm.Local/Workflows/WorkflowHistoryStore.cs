using Azure;
using Azure.Data.Tables;
using Crm.Storage.Clients;

namespace Crm.Local.Workflows;

/// <summary>
/// The local runner's durable history in Table Storage: PartitionKey = instance id, one row for
/// the instance and one per finished activity, so a restarted process replays instead of redoing.
/// </summary>
public sealed class WorkflowHistoryStore(StorageClients clients)
{
    public const string TableName = "WorkflowHistory";
    private const string InstanceRow = "instance";
    private readonly TableClient _table = clients.Tables.GetTableClient(TableName);

    /// <summary>Creates the instance, or returns the one already there (a redelivered start).</summary>
    public async Task<WorkflowInstance> StartAsync(string instanceId, string name, string inputJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(instanceId, InstanceRow)
        {
            ["Name"] = name,
            ["Input"] = inputJson,
            ["Status"] = nameof(WorkflowStatus.Running),
            ["CreatedAt"] = now,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return ToInstance(entity);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = await _table.GetEntityAsync<TableEntity>(instanceId, InstanceRow, cancellationToken: cancellationToken);
            return ToInstance(existing.Value);
        }
    }

    public async Task<IReadOnlyDictionary<int, WorkflowStep>> LoadStepsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var steps = new Dictionary<int, WorkflowStep>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {"step-"} and RowKey lt {"step."}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var step = new WorkflowStep(int.Parse(e.RowKey["step-".Length..]), e.GetString("Name"), e.GetString("Output"), e.GetString("Error"), e.GetDateTimeOffset("At") ?? default);
            steps[step.Sequence] = step;
        }

        return steps;
    }

    public Task RecordStepAsync(string instanceId, WorkflowStep step, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(
            new TableEntity(instanceId, $"step-{step.Sequence:D5}")
            {
                ["Name"] = step.Name,
                ["Output"] = step.Output,
                ["Error"] = step.Error,
                ["At"] = step.At,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public Task FinishAsync(string instanceId, WorkflowStatus status, string? outputJson, string? error, DateTimeOffset now, CancellationToken cancellationToken) =>
        _table.UpdateEntityAsync(
            new TableEntity(instanceId, InstanceRow)
            {
                ["Status"] = status.ToString(),
                ["Output"] = outputJson,
                ["Error"] = error,
                ["FinishedAt"] = now,
            },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken);

    public async Task<WorkflowInstance?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } e ? ToInstance(e) : null;
    }

    /// <summary>Instances a previous process left running (it crashed or was stopped).</summary>
    public async Task<IReadOnlyList<WorkflowInstance>> ListRunningAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {InstanceRow} and Status eq {nameof(WorkflowStatus.Running)}");
        var list = new List<WorkflowInstance>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(ToInstance(e));
        }

        return list;
    }

    private static WorkflowInstance ToInstance(TableEntity e) => new(
        e.PartitionKey, e.GetString("Name"), e.GetString("Input"), Enum.Parse<WorkflowStatus>(e.GetString("Status")), e.GetString("Output"), e.GetString("Error"));
}
