using Crm.Core.Tenants;

namespace Crm.Core.Api;

/// <summary>Tenant settings and sender-number registration over HTTP.</summary>
public sealed class TenantApi(TenantService tenants)
{
    public Task<ApiResponse> SaveAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var settings = await ApiBody.ReadAsync<TenantSettings>(request.Body, cancellationToken);
            return new ApiResponse(200, await tenants.SaveAsync(request.Route("tenantId"), settings, cancellationToken));
        });

    public Task<ApiResponse> RegisterSenderNumberAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var registration = await ApiBody.ReadAsync<SenderNumberRegistration>(request.Body, cancellationToken);
            var tenant = await tenants.RegisterSenderNumberAsync(request.Route("tenantId"), registration.Number, cancellationToken);
            return new ApiResponse(200, new { tenant.TenantId, senderNumbers = tenant.SenderNumbers.Order(StringComparer.Ordinal) });
        });
}
