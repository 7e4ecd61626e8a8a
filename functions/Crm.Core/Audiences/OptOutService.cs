using Crm.Core.Common;
using Crm.Core.Tenants;

namespace Crm.Core.Audiences;

/// <summary>G4: opt-outs by API or by the tenant's free 080 line, honoured by every advertising send from the moment they are recorded.</summary>
public sealed class OptOutService(TenantService tenants, IOptOutStore optOuts, TimeProvider time)
{
    public const string SourceApi = "api";
    public const string SourceLine = "080";

    public async Task<string> RecordAsync(string tenantId, string? phone, string source, CancellationToken cancellationToken)
    {
        await tenants.GetRequiredAsync(tenantId, cancellationToken);
        var normalized = PhoneNumber.RequireMobile(phone);
        await optOuts.AddAsync(tenantId, normalized, source, time.GetUtcNow(), cancellationToken);
        return normalized;
    }

    /// <summary>A call to a tenant's 080 line: the tenant is found by the line's number.</summary>
    public async Task<string> RecordLineCallAsync(string lineNumber, string? phone, CancellationToken cancellationToken)
    {
        var digits = PhoneNumber.TryNormalizeOptOutLine(lineNumber, out var line) ? line : throw new CrmValidationException("lineNumber", "A free 080 number, e.g. 080-123-4567.");
        var tenantId = await optOuts.FindTenantByLineAsync(digits, cancellationToken) ?? throw new NotFoundException("Opt-out line", digits);
        return await RecordAsync(tenantId, phone, SourceLine, cancellationToken);
    }
}
