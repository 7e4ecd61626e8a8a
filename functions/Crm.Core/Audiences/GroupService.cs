using Crm.Core.Audiences.Conditions;
using Crm.Core.Common;
using Crm.Core.Tenants;

namespace Crm.Core.Audiences;

/// <summary>Saving, reading and previewing groups (G1).</summary>
public sealed class GroupService(TenantService tenants, IGroupStore groups, LiveCustomers live, GroupExtractor extractor, TimeProvider time)
{
    public const int PreviewSize = 20;

    /// <summary>The longest group name, in characters.</summary>
    public const int MaxNameLength = 100;

    public async Task<Group> SaveAsync(string tenantId, string groupId, GroupDefinition? definition, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var errors = new ValidationErrors();
        KeyIds.CheckName(errors, "groupId", groupId, "Group ids");

        if (string.IsNullOrWhiteSpace(definition?.Name))
        {
            errors.Add("name", "Required: a name for the group.");
        }
        else if (definition.Name.Trim().Length > MaxNameLength)
        {
            errors.Add("name", $"A group name has at most {MaxNameLength} characters.");
        }

        ParseInto(definition?.Condition, errors);
        errors.ThrowIfAny();
        var existing = await groups.GetAsync(tenantId, groupId, cancellationToken);
        var group = (existing ?? new Group { TenantId = tenantId, GroupId = groupId, Name = definition!.Name!, Condition = definition.Condition! })
            with { Name = definition!.Name!.Trim(), Condition = definition.Condition!.Trim() };
        await groups.SaveAsync(group, cancellationToken);
        return await groups.GetAsync(tenantId, groupId, cancellationToken) ?? group;
    }

    public async Task<Group> GetAsync(string tenantId, string groupId, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return await groups.GetAsync(tenantId, groupId, cancellationToken) ?? throw new NotFoundException("Group", groupId);
    }

    /// <summary>Evaluates a condition without saving it: the member count and the first 20 members.</summary>
    public async Task<GroupPreview> PreviewAsync(string tenantId, string? condition, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var errors = new ValidationErrors();
        var parsed = ParseInto(condition, errors);
        errors.ThrowIfAny();
        var context = new EvaluationContext(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        var count = 0;
        var first = new List<CustomerView>(PreviewSize);
        await foreach (var customer in live.ScanAsync(tenantId, parsed!.Uses(CustomerFields.RewardPoints), cancellationToken))
        {
            if (parsed!.Matches(customer, context) && count++ < PreviewSize)
            {
                first.Add(CustomerView.From(customer));
            }
        }

        return new GroupPreview(count, first);
    }

    /// <summary>Re-extracts every group of the tenant now (what the nightly run does for everyone).</summary>
    public async Task<IReadOnlyList<Group>> ExtractAsync(string tenantId, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return await extractor.ExtractAsync(tenantId, cancellationToken);
    }

    private static Condition? ParseInto(string? condition, ValidationErrors errors)
    {
        try
        {
            return Condition.Parse(condition ?? string.Empty);
        }
        catch (ConditionParseException ex)
        {
            errors.Add("condition", ex.Message);
            return null;
        }
    }
}
