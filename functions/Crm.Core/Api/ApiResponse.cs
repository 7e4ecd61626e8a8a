namespace Crm.Core.Api;

/// <summary>What a host writes back: a status, an optional JSON body and an optional Location.</summary>
public sealed record ApiResponse(int StatusCode, object? Body, string? Location = null)
{
    public bool IsProblem => Body is ProblemDetails;
}
