using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Core.Cohorts;
using Crm.Core.Common;

namespace Crm.Providers.External;

/// <summary>
/// Posts a linked event's run (B7) to the external tool's endpoint as JSON, signed with
/// X-Crm-Signature: sha256=&lt;hex HMAC-SHA256 of the body with the shared secret&gt; and keyed
/// with Idempotency-Key: the run id, so a run posted twice is recognisable as one.
/// </summary>
public sealed class HttpExternalCampaigns(HttpClient http, Uri url, string secret) : IExternalCampaigns
{
    public const string SignatureHeader = "X-Crm-Signature";

    public async Task SendRunAsync(ExternalCampaignRun run, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(run, CrmJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignatureHeader, Sign(body, secret));
        request.Headers.Add("Idempotency-Key", run.RunId);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static string Sign(byte[] body, string secret) => $"sha256={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))}";
}
