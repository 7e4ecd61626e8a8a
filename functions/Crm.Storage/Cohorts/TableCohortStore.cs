using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Crm.Core.Cohorts;
using Crm.Core.Common;
using Crm.Storage.Clients;

namespace Crm.Storage.Cohorts;

/// <summary>
/// The Cohorts table: a tenant's funnel, courses, cohorts and events in the tenant's partition
/// (RowKey "funnel", "course_{id}", "cohort_{id}", "event_{cohortId}_{eventId}"), each one entity
/// holding its JSON (an event's compressed), so a cohort's events are one range read; and the events' due index in
/// partition "due", RowKey "{time}_{tenant}_{event}_{run}", so "due by now" is one range read.
/// </summary>
public sealed class TableCohortStore(StorageClients clients) : ICohortStore
{
    private const string FunnelRow = "funnel";
    private const string DuePartition = "due";
    private readonly TableClient _table = clients.Tables.GetTableClient(TableNames.Cohorts);

    public Task<Funnel?> GetFunnelAsync(string tenantId, CancellationToken cancellationToken) => GetAsync<Funnel>(tenantId, FunnelRow, cancellationToken);

    public Task SaveFunnelAsync(string tenantId, Funnel funnel, CancellationToken cancellationToken) => SaveAsync(tenantId, FunnelRow, funnel, cancellationToken);

    public Task<Course?> GetCourseAsync(string tenantId, string courseId, CancellationToken cancellationToken) => GetAsync<Course>(tenantId, $"course_{courseId}", cancellationToken);

    public Task SaveCourseAsync(Course course, CancellationToken cancellationToken) => SaveAsync(course.TenantId, $"course_{course.CourseId}", course, cancellationToken);

    public Task<Cohort?> GetCohortAsync(string tenantId, string cohortId, CancellationToken cancellationToken) => GetAsync<Cohort>(tenantId, $"cohort_{cohortId}", cancellationToken);

    public Task SaveCohortAsync(Cohort cohort, CancellationToken cancellationToken) => SaveAsync(cohort.TenantId, $"cohort_{cohort.CohortId}", cohort, cancellationToken);

    public async Task<CohortEvent?> GetEventAsync(string tenantId, string cohortId, string eventId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(tenantId, EventRow(cohortId, eventId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? ReadEvent(entity) : null;
    }

    public Task CreateEventAsync(CohortEvent cohortEvent, CancellationToken cancellationToken) => _table.AddEntityAsync(EventEntity(cohortEvent), cancellationToken);

    public async Task<bool> TryUpdateEventAsync(CohortEvent cohortEvent, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(EventEntity(cohortEvent), new ETag(cohortEvent.Version!), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (StorageErrors.IsConcurrencyConflict(ex) || StorageErrors.IsNotFound(ex))
        {
            return false;
        }
    }

    public Task DeleteEventAsync(CohortEvent cohortEvent, CancellationToken cancellationToken) =>
        _table.DeleteEntityAsync(cohortEvent.TenantId, EventRow(cohortEvent.CohortId, cohortEvent.EventId), ETag.All, cancellationToken);

    public async Task<IReadOnlyList<CohortEvent>> ListEventsAsync(string tenantId, string cohortId, CancellationToken cancellationToken)
    {
        var prefix = EventRow(cohortId, string.Empty);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {prefix} and RowKey lt {prefix + "~"}");
        var events = new List<CohortEvent>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(ReadEvent(entity));
        }

        return events;
    }

    public Task AddDueAsync(DueEventRun due, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(DuePartition, DueRow(due)) { ["Json"] = JsonSerializer.Serialize(due, CrmJson.Options) }, TableUpdateMode.Replace, cancellationToken);

    public Task RemoveDueAsync(DueEventRun due, CancellationToken cancellationToken) => _table.DeleteEntityAsync(DuePartition, DueRow(due), ETag.All, cancellationToken);

    public async Task<IReadOnlyList<DueEventRun>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DuePartition} and RowKey lt {Keys.Time(now) + "`"}");
        var due = new List<DueEventRun>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            due.Add(JsonSerializer.Deserialize<DueEventRun>(entity.GetString("Json"), CrmJson.Options)!);
        }

        return due;
    }

    private static string EventRow(string cohortId, string eventId) => $"event_{cohortId}_{eventId}";

    private static string DueRow(DueEventRun due) => $"{Keys.Time(due.SendAt)}_{due.TenantId}_{due.EventId}_{Keys.Number(due.Run)}";

    // Compressed: a year of daily runs is too long for one string property.
    private static TableEntity EventEntity(CohortEvent e)
    {
        var entity = new TableEntity(e.TenantId, EventRow(e.CohortId, e.EventId));
        CompressedJson.Write(entity, "E", e with { Version = null });
        return entity;
    }

    private static CohortEvent ReadEvent(TableEntity entity) => CompressedJson.Read<CohortEvent>(entity, "E")! with { Version = entity.ETag.ToString() };

    private async Task<T?> GetAsync<T>(string tenantId, string row, CancellationToken cancellationToken)
        where T : class
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(tenantId, row, cancellationToken: cancellationToken);
        return response.HasValue && response.Value?.GetString("Json") is { } json ? JsonSerializer.Deserialize<T>(json, CrmJson.Options) : null;
    }

    private Task SaveAsync<T>(string tenantId, string row, T value, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(tenantId, row) { ["Json"] = JsonSerializer.Serialize(value, CrmJson.Options) }, TableUpdateMode.Replace, cancellationToken);
}
