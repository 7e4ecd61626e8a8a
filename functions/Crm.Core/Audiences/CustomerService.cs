using Crm.Core.Common;
using Crm.Core.Tenants;

namespace Crm.Core.Audiences;

/// <summary>Customers over the API: bulk and single upsert, read, erase.</summary>
public sealed class CustomerService(TenantService tenants, ICustomerStore customers, LiveCustomers live, IGroupStore groups)
{
    public async Task<int> UpsertAsync(string tenantId, IReadOnlyList<CustomerRecord?> records, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var valid = CustomerImport.Validate(records, TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone));
        await customers.UpsertAsync(tenant.TenantId, valid, cancellationToken);
        return valid.Count;
    }

    public async Task<Customer> GetAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        return PhoneNumber.TryNormalizeMobile(phone, out var normalized) && await live.GetAsync(tenantId, normalized, cancellationToken) is { } customer
            ? customer
            : throw new NotFoundException("Customer", PhoneNumber.Mask(phone));
    }

    /// <summary>Erasure: the customer leaves the store and every group's stored members now, not at the next extraction.</summary>
    public async Task DeleteAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        if (!PhoneNumber.TryNormalizeMobile(phone, out var normalized) || !await customers.DeleteAsync(tenantId, normalized, cancellationToken))
        {
            throw new NotFoundException("Customer", PhoneNumber.Mask(phone));
        }

        foreach (var group in await groups.ListAsync(tenantId, cancellationToken))
        {
            if (await groups.RemoveMemberAsync(group, normalized, cancellationToken))
            {
                await groups.UpdateExtractionAsync(tenantId, group.GroupId, g => g with { MemberCount = Math.Max(0, g.MemberCount - 1) }, cancellationToken);
            }
        }
    }
}
