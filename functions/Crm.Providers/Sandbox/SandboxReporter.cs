using System.Text.Json.Nodes;

namespace Crm.Providers.Sandbox;

/// <summary>
/// Calls the report webhook the way Solapi does: a POST of a JSON array of message reports (groupId,
/// messageId, to, statusCode, customFields) when a message's report is due. Off until the host gives
/// it a callback URL (Crm.Local gives its own); each call is made once (twice with the duplicate
/// rule), and a call that fails is not retried: polling the group is the fallback, as with a provider.
/// </summary>
public sealed class SandboxReporter(TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The webhook (…/api/delivery-reports/{secret}); null: no callbacks.</summary>
    public Uri? CallbackUrl { get; set; }

    /// <summary>Callbacks made, and those that failed.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public long Failures => Interlocked.Read(ref _failures);

    private long _calls;
    private long _failures;

    /// <summary>Reports these messages when each is due, grouped by due time.</summary>
    public void Schedule(IReadOnlyList<SandboxMessage> messages, bool duplicate)
    {
        if (CallbackUrl is not { } url || messages.Count == 0)
        {
            return;
        }

        foreach (var due in messages.GroupBy(m => m.ReportAt))
        {
            var reports = new JsonArray(due.Select(m => (JsonNode)new JsonObject
            {
                ["groupId"] = m.GroupId,
                ["messageId"] = m.ProviderMessageId,
                ["to"] = m.To,
                ["from"] = m.From,
                ["statusCode"] = m.FinalCode,
                ["customFields"] = new JsonObject { ["crm"] = m.Reference },
                ["dateReported"] = m.ReportAt.ToString("O"),
            }).ToArray());
            var delay = due.Key - time.GetUtcNow();
            _ = CallAsync(url, reports.ToJsonString(), delay < TimeSpan.Zero ? TimeSpan.Zero : delay, duplicate ? 2 : 1);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task CallAsync(Uri url, string body, TimeSpan delay, int times)
    {
        try
        {
            await Task.Delay(delay, time, _stopping.Token);
            for (var i = 0; i < times; i++)
            {
                Interlocked.Increment(ref _calls);
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(url, content, _stopping.Token);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _failures);
        }
    }
}
