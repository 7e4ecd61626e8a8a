using Crm.Core.Common;
using Crm.Core.Tenants;

namespace Crm.Core.Audiences;

/// <summary>Customers over the API: bulk and single upsert, read, erase.</summary>
public sealed class CustomerService(TenantService tenants, ICustomerStore customers)
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
        return PhoneNumber.TryNormalizeMobile(phone, out var normalized) && await customers.GetAsync(tenantId, normalized, cancellationToken) is { } customer
            ? customer
            : throw new NotFoundException("Customer", PhoneNumber.Mask(phone));
    }

    /// <summary>Erasure: the customer leaves the store now and every group at its next extraction.</summary>
    public async Task DeleteAsync(string tenantId, string phone, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        if (!PhoneNumber.TryNormalizeMobile(phone, out var normalized) || !await customers.DeleteAsync(tenantId, normalized, cancellationToken))
        {
            throw new NotFoundException("Customer", PhoneNumber.Mask(phone));
        }
    }
}
