using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Core.Delivery;
using Crm.Core.Functions;

namespace Crm.Core.Api;

/// <summary>
/// The providers' delivery report webhook (POST /api/delivery-reports/{secret}). Solapi signs
/// nothing, so the secret in the URL is checked before the body is read (constant time; 401 and
/// nothing read when wrong), the body is used only to find which of our groups have news, and those
/// groups are read from the provider with our credentials later. Answers 200 at once: the work goes
/// to the delivery-reports queue, one debounced signal per group.
/// </summary>
public sealed class DeliveryReportApi(DeliveryReportOptions options, IMessageQueue queue, ReportSignalDebouncer debouncer)
{
    public Task<ApiResponse> ReceiveAsync(ApiRequest request, CancellationToken cancellationToken) =>
        ApiErrors.HandleAsync(async () =>
        {
            if (!IsSecret(request.Route("secret")))
            {
                return ApiErrors.Problem(401, "Unknown report address.", "The secret in this webhook's URL does not match DeliveryReports__Secret.");
            }

            // At most BodyLimits.DeliveryReports: the host reads the body through ApiPipeline's limit.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            var signals = Signals(document.RootElement).Distinct().ToList();
            var queued = 0;
            foreach (var signal in signals.Where(s => debouncer.ShouldSignal(s.GroupId)))
            {
                try
                {
                    await queue.EnqueueAsync(QueueNames.DeliveryReports, signal, ReportSignalDebouncer.Delay, cancellationToken);
                }
                catch
                {
                    debouncer.Forget(signal.GroupId);
                    throw;
                }

                queued++;
            }

            return new ApiResponse(200, new { reports = signals.Count, queued });
        });

    // A report is a message object (or an array of them) with groupId and our reference in customFields.crm;
    // anything else in the body is ignored, as a provider adds fields over time.
    private static IEnumerable<DeliveryReportSignal> Signals(JsonElement root)
    {
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        foreach (var item in items.Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var groupId = item.TryGetProperty("groupId", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null;
            var reference = item.TryGetProperty("customFields", out var c) && c.ValueKind == JsonValueKind.Object
                && c.TryGetProperty("crm", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (groupId is { Length: > 0 and <= 100 } && BatchStep.FromReference(reference) is { } parsed)
            {
                yield return new DeliveryReportSignal(parsed.Step, groupId);
            }
        }
    }

    private bool IsSecret(string candidate) =>
        options.Secret.Length > 0
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), SHA256.HashData(Encoding.UTF8.GetBytes(options.Secret)));
}
