namespace Crm.Core.Api;

/// <summary>What a host writes back: a status, an optional JSON body, an optional Location and other headers.</summary>
public sealed record ApiResponse(int StatusCode, object? Body, string? Location = null)
{
    /// <summary>For a response replayed for a repeated Idempotency-Key: whether the stored one was a problem.</summary>
    public bool ReplayedProblem { get; init; }

    /// <summary>Response headers besides Location and Content-Type (Retry-After, Idempotent-Replayed).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public bool IsProblem => Body is ProblemDetails || ReplayedProblem;
}
