using System.Text;
using Crm.Core.Audiences;
using Crm.Core.Common;

namespace Crm.Core.Api;

/// <summary>
/// Customers over HTTP. Bulk upsert takes a JSON array, or NDJSON (one customer per line) with
/// Content-Type application/x-ndjson; bad rows are named by number and nothing is written.
/// </summary>
public sealed class CustomerApi(CustomerService customers)
{
    public Task<ApiResponse> UpsertManyAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var ndjson = request.Header("Content-Type")?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) == true;
            var records = ndjson ? await ReadNdjsonAsync(request.Body, cancellationToken) : await ApiBody.ReadAsync<List<CustomerRecord?>>(request.Body, cancellationToken);
            var upserted = await customers.UpsertAsync(request.Route("tenantId"), records, cancellationToken);
            return new ApiResponse(200, new { received = records.Count, upserted });
        });

    public Task<ApiResponse> PutAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            var record = await ApiBody.ReadAsync<CustomerRecord>(request.Body, cancellationToken);
            var phone = request.Route("phone");
            if (record.Phone is not null && (!PhoneNumber.TryNormalizeMobile(record.Phone, out var inBody) || !PhoneNumber.TryNormalizeMobile(phone, out var inRoute) || inBody != inRoute))
            {
                throw new CrmValidationException("phone", "The phone in the body must match the one in the URL (or be left out).");
            }

            await customers.UpsertAsync(request.Route("tenantId"), [record with { Phone = phone }], cancellationToken);
            return new ApiResponse(200, CustomerView.From(await customers.GetAsync(request.Route("tenantId"), phone, cancellationToken)));
        });

    public Task<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () => new ApiResponse(200, CustomerView.From(await customers.GetAsync(request.Route("tenantId"), request.Route("phone"), cancellationToken))));

    public Task<ApiResponse> DeleteAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            await customers.DeleteAsync(request.Route("tenantId"), request.Route("phone"), cancellationToken);
            return new ApiResponse(204, null);
        });

    private static async Task<List<CustomerRecord?>> ReadNdjsonAsync(Stream body, CancellationToken cancellationToken)
    {
        var records = new List<CustomerRecord?>();
        using var reader = new StreamReader(body, Encoding.UTF8);
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            records.Add(ApiBody.Parse<CustomerRecord>(Encoding.UTF8.GetBytes(text), $"line {line}"));

            if (records.Count > CustomerImport.MaxPerRequest)
            {
                throw new CrmValidationException("customers", $"At most {CustomerImport.MaxPerRequest:N0} customers per request.");
            }
        }

        return records;
    }
}
