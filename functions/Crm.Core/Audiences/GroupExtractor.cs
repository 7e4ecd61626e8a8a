using Crm.Core.Audiences.Conditions;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Audiences;

/// <summary>
/// Extraction (G1, G2): streams a tenant's customers once and evaluates every group of the tenant
/// in the same pass, then stores each group's members in chunks. Extractions may overlap (the nightly
/// run and POST groups/extract): each writes a member set of its own and the one that started last
/// wins, so the stored members are always one extraction's, never a mix. A group whose condition no longer
/// parses (saved under older rules) or fails to evaluate fails alone: its error goes on the group
/// and the tenant's other groups are extracted.
/// </summary>
public sealed partial class GroupExtractor(ITenantStore tenants, LiveCustomers customers, IGroupStore groups, TimeProvider time, ILogger<GroupExtractor> logger)
{
    public async Task<IReadOnlyList<Group>> ExtractAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(tenantId, cancellationToken) ?? throw new InvalidOperationException($"Tenant {tenantId} does not exist.");
        var all = await groups.ListAsync(tenantId, cancellationToken);
        if (all.Count == 0)
        {
            return [];
        }

        var started = time.GetUtcNow();
        var memberSet = $"{started.UtcTicks:D19}{Guid.NewGuid().ToString("N")[..8]}";
        foreach (var group in all)
        {
            await groups.UpdateExtractionAsync(tenantId, group.GroupId, g => g with { ExtractionStartedAt = started }, cancellationToken);
        }

        var context = new EvaluationContext(started, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        var conditions = new Condition?[all.Count];
        var errors = new string?[all.Count];
        var members = all.Select(_ => new List<string>()).ToArray();
        for (var i = 0; i < all.Count; i++)
        {
            try
            {
                conditions[i] = Condition.Parse(all[i].Condition);
            }
            catch (ConditionParseException ex)
            {
                errors[i] = $"The condition no longer parses: {ex.Message}";
            }
        }

        var scanned = 0;
        await foreach (var customer in customers.ScanAsync(tenantId, conditions.Any(c => c?.Uses(CustomerFields.RewardPoints) == true), cancellationToken))
        {
            scanned++;
            for (var i = 0; i < conditions.Length; i++)
            {
                if (conditions[i] is not { } condition)
                {
                    continue;
                }

                try
                {
                    if (condition.Matches(customer, context))
                    {
                        members[i].Add(customer.Phone);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Evaluation only computes over this group's condition: nothing to retry, nothing to do with the others.
                    conditions[i] = null;
                    errors[i] = $"The condition could not be evaluated: {ex.Message}";
                }
            }
        }

        var finished = time.GetUtcNow();
        var result = new List<Group>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            var group = all[i];
            if (errors[i] is { } error)
            {
                LogGroupFailed(logger, tenantId, group.GroupId, error);
                var failed = await groups.UpdateExtractionAsync(tenantId, group.GroupId, g => g with { LastError = error, ExtractionStartedAt = null }, cancellationToken);
                result.Add(failed ?? group);
                continue;
            }

            result.Add(await CommitAsync(group, memberSet, members[i], finished, cancellationToken) ?? group);
        }

        LogExtracted(logger, tenantId, all.Count, scanned, finished - started);
        return result;
    }

    // The group points at this extraction's member set unless one that started later got there first;
    // then every older set goes, this one too if it lost.
    private async Task<Group?> CommitAsync(Group group, string memberSet, IReadOnlyList<string> members, DateTimeOffset finished, CancellationToken cancellationToken)
    {
        var chunks = await groups.WriteMembersAsync(group.TenantId, group.GroupId, memberSet, members, cancellationToken);
        var current = await groups.UpdateExtractionAsync(
            group.TenantId,
            group.GroupId,
            g => string.CompareOrdinal(g.MemberSet, memberSet) > 0
                ? g
                : g with { MemberSet = memberSet, LastExtractedAt = finished, MemberCount = members.Count, MemberChunks = chunks, LastError = null },
            cancellationToken);
        await groups.DeleteMembersBeforeAsync(group.TenantId, group.GroupId, current?.MemberSet ?? memberSet, cancellationToken);
        return current;
    }

    /// <summary>Records a failed extraction on every group of the tenant, so GET shows it.</summary>
    public async Task RecordFailureAsync(string tenantId, string error, CancellationToken cancellationToken)
    {
        foreach (var group in await groups.ListAsync(tenantId, cancellationToken))
        {
            await groups.UpdateExtractionAsync(tenantId, group.GroupId, g => g with { LastError = error, ExtractionStartedAt = null }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Groups} groups extracted from {Customers} customers in {Elapsed}")]
    private static partial void LogExtracted(ILogger logger, string tenantId, int groups, int customers, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: group {GroupId} not extracted, its members stay as they were: {Error}")]
    private static partial void LogGroupFailed(ILogger logger, string tenantId, string groupId, string error);
}
