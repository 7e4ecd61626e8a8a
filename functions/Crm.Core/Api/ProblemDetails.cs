namespace Crm.Core.Api;

/// <summary>RFC 9457 problem details; <see cref="Errors"/> names each field to fix.</summary>
public sealed record ProblemDetails(string Type, string Title, int Status, string? Detail, IReadOnlyDictionary<string, string[]>? Errors = null);
