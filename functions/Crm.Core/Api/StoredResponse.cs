namespace Crm.Core.Api;

/// <summary>A response kept under an Idempotency-Key; <see cref="Body"/> is its JSON text.</summary>
public sealed record StoredResponse(int StatusCode, string? Body, string? Location, bool IsProblem);
