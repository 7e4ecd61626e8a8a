using Crm.Core.Audiences.Conditions;
using Crm.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Audiences;

/// <summary>
/// Extraction (G1, G2): streams a tenant's customers once and evaluates every group of the tenant
/// in the same pass, then stores each group's members in chunks.
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
        foreach (var group in all)
        {
            await groups.UpdateExtractionAsync(tenantId, group.GroupId, g => g with { ExtractionStartedAt = started }, cancellationToken);
        }

        var context = new EvaluationContext(started, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        var compiled = all.Select(g => (Group: g, Condition: Condition.Parse(g.Condition), Members: new List<string>())).ToList();
        var scanned = 0;
        await foreach (var customer in customers.ScanAsync(tenantId, compiled.Any(c => c.Condition.Uses(CustomerFields.RewardPoints)), cancellationToken))
        {
            scanned++;
            foreach (var (_, condition, members) in compiled)
            {
                if (condition.Matches(customer, context))
                {
                    members.Add(customer.Phone);
                }
            }
        }

        var finished = time.GetUtcNow();
        var result = new List<Group>(compiled.Count);
        foreach (var (group, _, members) in compiled)
        {
            var chunks = await groups.SaveMembersAsync(group, members, cancellationToken);
            var done = await groups.UpdateExtractionAsync(
                tenantId, group.GroupId, g => g with { LastExtractedAt = finished, MemberCount = members.Count, MemberChunks = chunks, LastError = null }, cancellationToken);
            result.Add(done ?? group);
        }

        LogExtracted(logger, tenantId, compiled.Count, scanned, finished - started);
        return result;
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
}
