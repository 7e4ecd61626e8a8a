namespace Crm.Tests.EndToEnd.Fuzz;

/// <summary>One generated request: which catalog function it aims at, and what is actually sent.</summary>
public sealed record FuzzRequest(string Function, string Method, string Path, string? ContentType, byte[]? Body, string? IdempotencyKey)
{
    /// <summary>Short enough for a failure message, long enough to replay by hand.</summary>
    public override string ToString()
    {
        var body = Body is null ? "(no body)" : System.Text.Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300)) + (Body.Length > 300 ? $"… ({Body.Length:N0} bytes)" : "");
        return $"{Function}: {Method} {(Path.Length > 200 ? Path[..200] + "…" : Path)} [{ContentType ?? "no content-type"}] key={IdempotencyKey ?? "-"} {body}";
    }
}
