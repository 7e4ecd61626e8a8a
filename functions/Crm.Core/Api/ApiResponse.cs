namespace Crm.Core.Api;

/// <summary>What a host writes back: a status, an optional JSON body and an optional Location.</summary>
public sealed record ApiResponse(int StatusCode, object? Body, string? Location = null)
{
    /// <summary>True when this is a stored response returned again for a repeated Idempotency-Key.</summary>
    public bool Replayed { get; init; }

    /// <summary>For a replay, whether the stored response was a problem.</summary>
    public bool ReplayedProblem { get; init; }

    public bool IsProblem => Body is ProblemDetails || ReplayedProblem;
}
