namespace Crm.Core.Api;

/// <summary>What a host writes back: a status, an optional JSON body and an optional Location.</summary>
public sealed record ApiResponse(int StatusCode, object? Body, string? Location = null)
{
    /// <summary>For a response replayed for a repeated Idempotency-Key: whether the stored one was a problem.</summary>
    public bool ReplayedProblem { get; init; }

    public bool IsProblem => Body is ProblemDetails || ReplayedProblem;
}
